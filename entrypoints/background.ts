export default defineBackground(() => {
  console.info('Syncro ⇄ Xero background started');
});
