export default defineContentScript({
  matches: ['https://*.syncromsp.com/*'],
  main() {
    document.documentElement.dataset.syncroXero = 'ready';
  },
});
