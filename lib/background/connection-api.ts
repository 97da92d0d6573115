// The popup's connection verbs: save or forget the Syncro token, connect Xero, choose its organisation, and
// disconnect it. A change of either side that would leave the current pair is asked first (lib/storage/pair-change.ts).

import { errorText } from '../errors.ts';
import type { ConfirmPairChange } from '../messages.ts';
import { currentPair, describePair, lastPair, organisationNameOf } from '../storage/pair.ts';
import { changePair, pairChange, pairChangeQuestion, type SideChange } from '../storage/pair-change.ts';
import {
  countRecords,
  forgetGrant,
  forgetSyncro,
  loadGrant,
  loadSyncro,
  saveGrant,
  saveSyncro,
} from '../storage/store.ts';
import { normaliseSubdomain, syncroMe } from '../syncro/api.ts';
import { revokeToken } from '../xero/auth.ts';
import { connectXero, withOrganisation } from '../xero/connect.ts';
import { freshGrant, underGrantLock } from '../xero/session.ts';
import { failed, type PopupApiDeps, type PopupHandlers } from './popup-handlers.ts';
import { suggestFromConnections } from './settings-api.ts';

type ConnectionVerb =
  | 'syncro.save'
  | 'syncro.disconnect'
  | 'xero.connect'
  | 'xero.chooseOrganisation'
  | 'xero.disconnect';

type ConnectionDeps = Pick<
  PopupApiDeps,
  'defaultClientId' | 'redirectUri' | 'launchWebAuthFlow' | 'runSync' | 'onSyncroSaved' | 'onSyncroForgotten'
>;

/**
 * Before a change of one side: the question when it would leave the current pair (nothing is saved until the
 * person confirms), else undefined.
 */
async function pairQuestion(change: SideChange, confirmed: boolean | undefined) {
  if (confirmed) return undefined;
  const [syncro, grant, last] = await Promise.all([loadSyncro(), loadGrant(), lastPair()]);
  const organisation = grant?.tenantId && { tenantId: grant.tenantId, organisationName: organisationNameOf(grant) };
  const leaving = pairChange({ syncro, grant: organisation || undefined }, last, change);
  if (!leaving) return undefined;
  const from = describePair(leaving.from);
  const to = describePair(leaving.to);
  return { ok: false, error: pairChangeQuestion(leaving), confirm: { from, to } } satisfies ConfirmPairChange;
}

/** " Now syncing acme.syncromsp.com with Demo Company (NZ)." once a change completed a pair. */
async function nowSyncing() {
  const current = await currentPair();
  return 'pair' in current ? ` Now syncing ${describePair(current.pair)}.` : '';
}

export function connectionApi(deps: ConnectionDeps): PopupHandlers<ConnectionVerb> {
  /**
   * Saves a connection; when it changes that side, once no sync run is under way (lib/storage/pair-change.ts), and the new
   * pair's own queue runs afterwards.
   */
  const saveSide = async <T>(changesSide: boolean, save: () => Promise<T>): Promise<T> => {
    if (!changesSide) return save();
    const saved = await changePair(save);
    deps.runSync();
    return saved;
  };

  return {
    async 'syncro.save'({ subdomain, token, confirmPairChange }) {
      const normalised = normaliseSubdomain(subdomain);
      if (!normalised) return { ok: false, error: 'Enter the Syncro subdomain, e.g. "acme" for acme.syncromsp.com.' };
      if (!token.trim()) return { ok: false, error: 'Enter a Syncro API token.' };
      try {
        const me = await syncroMe({ subdomain: normalised, token: token.trim() });
        const asked = await pairQuestion({ subdomain: normalised }, confirmPairChange);
        if (asked) return asked;
        const changes = (await loadSyncro())?.subdomain !== normalised;
        await saveSide(changes, () =>
          saveSyncro({ subdomain: normalised, token: token.trim(), userName: me.user_name ?? undefined }),
        );
        await deps.onSyncroSaved?.(normalised);
        await suggestFromConnections();
        const switched = changes ? await nowSyncing() : '';
        return { ok: true, message: `Connected to Syncro as ${me.user_name ?? 'this token'}.${switched}` };
      } catch (error) {
        return failed(error);
      }
    },

    async 'syncro.disconnect'() {
      const syncro = await loadSyncro();
      if (!syncro) return { ok: true, message: 'Syncro was not connected.' };
      const { pending } = await countRecords(); // counted while the pair is complete: the queue waits in it
      await forgetSyncro();
      await deps.onSyncroForgotten?.();
      return {
        ok: true,
        message: `Disconnected from ${syncro.subdomain}.syncromsp.com: the API token is forgotten.${
          pending === 0
            ? ''
            : ` ${pending} queued record${pending === 1 ? ' waits' : 's wait'} until Syncro is connected again.`
        }`,
      };
    },

    async 'xero.connect'({ clientId }) {
      try {
        // The organisation of the pair there is (or was), when this sign-in shares it; none to begin with: the first.
        const [current, last] = await Promise.all([loadGrant(), lastPair()]);
        const kept = current?.tenantId ? current : last;
        const grant = await connectXero(
          clientId || deps.defaultClientId,
          deps.redirectUri,
          deps.launchWebAuthFlow,
          (organisations) =>
            !kept?.tenantId
              ? organisations[0]?.tenantId
              : organisations.some((each) => each.tenantId === kept.tenantId)
                ? kept.tenantId
                : undefined,
        );
        // The new grant replaces whatever is stored, after any refresh in flight has saved (not instead of it).
        await saveSide(grant.tenantId !== current?.tenantId, () => underGrantLock(() => saveGrant(grant)));
        await suggestFromConnections();
        if (!grant.tenantId) {
          return {
            ok: true,
            message: `Connected to Xero, but ${kept?.organisationName ?? 'the organisation synced so far'} is not among the organisations this sign-in shared: choose the Xero organisation to sync with.`,
          };
        }
        return { ok: true, message: `Connected to Xero: ${grant.organisationName ?? ''}` };
      } catch (error) {
        return failed(error);
      }
    },

    async 'xero.chooseOrganisation'({ tenantId, confirmPairChange }) {
      try {
        // A fresh access token first (outside the lock: a refresh takes it); no organisation may be chosen yet.
        const current = await freshGrant();
        const named = current?.organisations.find((each) => each.tenantId === tenantId)?.name;
        const asked = await pairQuestion({ tenantId, organisationName: named }, confirmPairChange);
        if (asked) return asked;
        // Under the lock the token cannot rotate meanwhile, and the grant read is the one written back.
        const chosen = await saveSide(current?.tenantId !== tenantId, () =>
          underGrantLock(async (grant) => {
            if (grant?.state !== 'connected') return undefined;
            const organised = await withOrganisation(grant, tenantId);
            await saveGrant(organised);
            return organised;
          }),
        );
        if (!chosen) return { ok: false, error: 'Xero is not connected.' };
        return { ok: true, message: `Syncing with ${chosen.organisationName ?? 'the chosen organisation'}.` };
      } catch (error) {
        return failed(error);
      }
    },

    async 'xero.disconnect'() {
      // Forgotten under the lock, from the grant as stored then: a refresh in flight has saved its rotated token
      // (the one revoked below), and a refresh waiting for the lock finds no grant.
      const grant = await underGrantLock(async (stored) => {
        if (stored) await forgetGrant();
        return stored;
      });
      if (!grant) return { ok: true, message: 'Xero was not connected.' };
      let note = '';
      try {
        await revokeToken(grant.clientId, grant.refreshToken);
      } catch (error) {
        note = ` (Xero could not be told: ${errorText(error)} — remove the app under Xero's connected apps.)`;
      }
      return { ok: true, message: `Disconnected from Xero.${note}` };
    },
  };
}
