// Items (price list): unique Code (max 30), Name max 50, descriptions max 4000, valid account/tax; tracked
// inventory items (xero_accounting.yaml#/components/schemas/Item, Purchase) take an INVENTORY asset account
// and a COGSAccountCode, never a purchase AccountCode.
import { randomUUID } from 'node:crypto';
import { NOT_FOUND, tooLong } from './contacts.ts';
import { accountErrors } from './lines.ts';
import { toScaled } from './money.ts';
import {
  type ApiObject,
  type ApplyResult,
  type Item,
  isObject,
  str,
  type TenantData,
  type TradeDetails,
} from './state.ts';

export interface ItemOptions {
  /** `POST /Items/{id}`: the ItemID or Code from the path. */
  pathId?: string;
  /**
   * POST updates the item with the same Code (`updateOrCreateItems`), PUT refuses a duplicate Code (`createItems`):
   * xero_accounting.yaml#/paths/~1Items. Undocumented: that POST matches by Code rather than by ItemID.
   */
  upsertByCode: boolean;
  unitdp4: boolean;
}

export function findItem(data: TenantData, idOrCode: string): Item | undefined {
  const wanted = idOrCode.toLowerCase();
  return data.items.get(wanted) ?? [...data.items.values()].find((item) => item.Code.toLowerCase() === wanted);
}

function tradeDetails(data: TenantData, raw: unknown, unitdp4: boolean, errors: string[]): TradeDetails | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    errors.push('SalesDetails and PurchaseDetails must be objects.');
    return undefined;
  }
  const details: TradeDetails = {};
  if (raw.UnitPrice !== undefined) {
    const scaled = toScaled(raw.UnitPrice, unitdp4 ? 4 : 2);
    if (scaled === undefined) errors.push('UnitPrice must be a valid number.');
    else details.unit4 = unitdp4 ? scaled : scaled * 100;
  }
  const accountCode = str(raw.AccountCode);
  if (accountCode) {
    errors.push(...accountErrors(data, accountCode));
    details.AccountCode = accountCode;
  }
  const cogsAccountCode = str(raw.COGSAccountCode);
  if (cogsAccountCode) {
    errors.push(...accountErrors(data, cogsAccountCode));
    details.COGSAccountCode = cogsAccountCode;
  }
  const taxType = str(raw.TaxType);
  if (taxType) {
    if (!data.taxRates.has(taxType))
      errors.push(`The TaxType code '${taxType}' does not exist or cannot be used for this type of transaction.`);
    details.TaxType = taxType;
  }
  return details;
}

/** Create or update one item; validates everything before touching `data`. */
export function applyItem(data: TenantData, input: ApiObject, now: number, options: ItemOptions): ApplyResult {
  const idOrCode = options.pathId ?? str(input.ItemID);
  let existing = idOrCode ? findItem(data, idOrCode) : undefined;
  if (idOrCode && !existing) return { errors: [NOT_FOUND] };
  const code = str(input.Code) ?? existing?.Code;
  const sameCode = code ? findItem(data, code) : undefined;
  if (!existing && options.upsertByCode) existing = sameCode;

  const errors: string[] = [];
  // The duplicate-Code wording is the PUT /Items 400 example's; "Item Code must be specified." is ours.
  if (!code?.trim()) errors.push('Item Code must be specified.');
  else if (sameCode && sameCode !== existing) errors.push(`Price List Item with Code ''${code}'' already exists`);
  const name = input.Name === undefined ? existing?.Name : str(input.Name);
  const description = input.Description === undefined ? existing?.Description : str(input.Description);
  const purchaseDescription =
    input.PurchaseDescription === undefined ? existing?.PurchaseDescription : str(input.PurchaseDescription);
  errors.push(...tooLong('Code', code, 30), ...tooLong('Name', name, 50));
  errors.push(
    ...tooLong('Description', description, 4000),
    ...tooLong('PurchaseDescription', purchaseDescription, 4000),
  );
  const isSold = typeof input.IsSold === 'boolean' ? input.IsSold : (existing?.IsSold ?? true);
  const isPurchased = typeof input.IsPurchased === 'boolean' ? input.IsPurchased : (existing?.IsPurchased ?? true);
  const sales =
    input.SalesDetails === undefined
      ? existing?.SalesDetails
      : tradeDetails(data, input.SalesDetails, options.unitdp4, errors);
  const sentPurchases =
    input.PurchaseDetails === undefined
      ? undefined
      : tradeDetails(data, input.PurchaseDetails, options.unitdp4, errors);
  // Details sent replace those kept, except the COGS account that makes the item tracked, which stays.
  const cogsAccountCode = sentPurchases?.COGSAccountCode ?? existing?.PurchaseDetails?.COGSAccountCode;
  const purchases = sentPurchases
    ? { ...sentPurchases, ...(cogsAccountCode ? { COGSAccountCode: cogsAccountCode } : {}) }
    : existing?.PurchaseDetails;
  const inventoryAccount = str(input.InventoryAssetAccountCode) ?? existing?.InventoryAssetAccountCode;
  if (inventoryAccount) {
    // "The account must be of type INVENTORY" (Item.InventoryAssetAccountCode).
    const account = [...data.accounts.values()].find((candidate) => candidate.Code === inventoryAccount);
    if (account?.Type !== 'INVENTORY' || account.Status !== 'ACTIVE') {
      errors.push(`Account code '${inventoryAccount}' is not a valid inventory asset account.`);
    }
  }
  const tracked = Boolean(inventoryAccount && purchases?.COGSAccountCode);
  // Purchase.AccountCode: "Not applicable to the purchase details of tracked items"; Xero's wording for the
  // refusal is not published, so this names the rule. (The least convenient reading: refused, not ignored.)
  if (tracked && sentPurchases?.AccountCode) {
    errors.push(
      `Item '${code}' is tracked as inventory: its PurchaseDetails take a COGSAccountCode, not an AccountCode.`,
    );
  }
  if (errors.length > 0 || !code) return { errors };

  const item: Item = {
    ItemID: existing?.ItemID ?? randomUUID(),
    Code: code.trim(),
    ...(name !== undefined ? { Name: name } : {}),
    ...(description !== undefined ? { Description: description } : {}),
    ...(purchaseDescription !== undefined ? { PurchaseDescription: purchaseDescription } : {}),
    IsSold: isSold,
    IsPurchased: isPurchased,
    ...(inventoryAccount ? { InventoryAssetAccountCode: inventoryAccount } : {}),
    // Setting IsSold/IsPurchased false clears the matching details, as Xero does.
    ...(isSold && sales ? { SalesDetails: sales } : {}),
    ...(isPurchased && purchases ? { PurchaseDetails: purchases } : {}),
    updatedMs: now,
  };
  data.items.set(item.ItemID, item);
  return { id: item.ItemID };
}
