// Items (price list): unique Code (max 30), Name max 50, descriptions max 4000, valid account/tax.
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
  /** POST updates the item with the same Code; PUT refuses a duplicate Code. */
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
  const purchases =
    input.PurchaseDetails === undefined
      ? existing?.PurchaseDetails
      : tradeDetails(data, input.PurchaseDetails, options.unitdp4, errors);
  if (errors.length > 0 || !code) return { errors };

  const item: Item = {
    ItemID: existing?.ItemID ?? randomUUID(),
    Code: code.trim(),
    ...(name !== undefined ? { Name: name } : {}),
    ...(description !== undefined ? { Description: description } : {}),
    ...(purchaseDescription !== undefined ? { PurchaseDescription: purchaseDescription } : {}),
    IsSold: isSold,
    IsPurchased: isPurchased,
    // Setting IsSold/IsPurchased false clears the matching details, as Xero does.
    ...(isSold && sales ? { SalesDetails: sales } : {}),
    ...(isPurchased && purchases ? { PurchaseDetails: purchases } : {}),
    updatedMs: now,
  };
  data.items.set(item.ItemID, item);
  return { id: item.ItemID };
}
