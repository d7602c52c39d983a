import { z } from 'zod';
import type { ManageClient } from '../client';
import { where } from '../conditions';
import { Amount, collection, createOnce, findFirst, Flag, Id, Info, listAllOf, Ref, Text } from './common';

/** The product catalog and the procurement setup tables it needs. */

export const CatalogItem = z.looseObject({
  id: Id,
  identifier: z.string(),
  description: Text,
  customerDescription: Text,
  category: Ref,
  subcategory: Ref,
  type: Ref,
  productClass: Text,
  price: Amount,
  cost: Amount,
  inactiveFlag: Flag,
  recurringFlag: Flag,
  _info: Info,
});
export type CatalogItem = z.infer<typeof CatalogItem>;

export const Category = z.looseObject({ id: Id, name: z.string(), inactiveFlag: Flag });
export type Category = z.infer<typeof Category>;
export const SubCategory = z.looseObject({ id: Id, name: z.string(), category: Ref, inactiveFlag: Flag });
export type SubCategory = z.infer<typeof SubCategory>;
export const ProductType = z.looseObject({ id: Id, name: z.string(), inactiveFlag: Flag });
export type ProductType = z.infer<typeof ProductType>;

export const CATALOG = collection('procurement/catalog', CatalogItem);
export const CATEGORIES = collection('procurement/categories', Category);
/** The spec's paths carry a trailing slash here. */
export const SUBCATEGORIES = collection('procurement/subcategories/', SubCategory);
export const subcategoriesOf = (categoryId: number) => collection(`procurement/categories/${categoryId}/subcategories/`, SubCategory);
export const PRODUCT_TYPES = collection('procurement/types', ProductType);

/** Catalog identifiers are unique: `{region}.{planId}` for a vendor plan. */
export const findCatalogItem = (client: ManageClient, identifier: string) =>
  findFirst(client, CATALOG, { conditions: where.eq('identifier', identifier) });

export interface NewCatalogItem {
  /** Max 75 characters. */
  identifier: string;
  /** Max 60 characters. */
  description: string;
  customerDescription: string;
  subcategoryId: number;
  typeId: number;
  price?: number;
  cost?: number;
  productClass?: 'Agreement' | 'Bundle' | 'Inventory' | 'NonInventory' | 'Service';
  recurring?: boolean;
}

export const createCatalogItem = (client: ManageClient, input: NewCatalogItem) =>
  createOnce(client, CATALOG, {
    identifier: input.identifier,
    description: input.description,
    customerDescription: input.customerDescription,
    subcategory: { id: input.subcategoryId },
    type: { id: input.typeId },
    productClass: input.productClass ?? 'NonInventory',
    ...(input.price === undefined ? {} : { price: input.price }),
    ...(input.cost === undefined ? {} : { cost: input.cost }),
    ...(input.recurring === undefined ? {} : { recurringFlag: input.recurring }),
  }, (scoped) => findCatalogItem(scoped, input.identifier));

const active = { conditions: where.eq('inactiveFlag', false) };
export const listCategories = (client: ManageClient) => listAllOf(client, CATEGORIES, active);
/** All subcategories, or one category's. */
export const listSubcategories = (client: ManageClient, categoryId?: number) =>
  listAllOf(client, categoryId === undefined ? SUBCATEGORIES : subcategoriesOf(categoryId), active);
export const listProductTypes = (client: ManageClient) => listAllOf(client, PRODUCT_TYPES, active);
