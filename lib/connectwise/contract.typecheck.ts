/**
 * Compile-time contract check (tsc only; never bundled, never run): every field our zod schemas
 * declare must exist in the official OpenAPI spec's model, as generated into connectwise-rest's
 * ManageTypes, with a type the spec's values fit (spec ⊆ ours, nulls aside). A mismatch shows
 * up as a type error naming the field path. connectwise-rest is a devDependency: only this
 * type-only import may name it (checked by contract.test.ts).
 */
import type { components } from 'connectwise-rest/dist/ManageTypes';
import type { z } from 'zod';
import type { Addition, Agreement } from './resources/finance';
import type { Company, Contact } from './resources/companies';
import type { Configuration, ConfigurationType } from './resources/configurations';
import type { MenuEntry } from './resources/menu';
import type { CatalogItem, Category, ProductType, SubCategory } from './resources/procurement';
import type { Board, BoardStatus, Priority, Ticket, TicketConfiguration, TicketNote } from './resources/service';
import type { ApiMember, Member, SecurityRole, SecurityRoleSetting, SystemInfo } from './resources/system';

type Spec = components['schemas'];

/** Declared keys only (looseObject adds a string index signature). */
type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

type Mismatches<Ours, Theirs, Path extends string = ''> = {
  [K in KnownKeys<Ours> & string]: K extends keyof Theirs
    ? FieldMismatch<NonNullable<Ours[K]>, NonNullable<Theirs[K]>, `${Path}${K}`>
    : `${Path}${K}: not in the spec`;
}[KnownKeys<Ours> & string];

// Every test is wrapped in [...] so unions (boolean = true | false) are not split apart.
type FieldMismatch<Ours, Theirs, Path extends string> = [Ours] extends [readonly (infer O)[]]
  ? [Theirs] extends [readonly (infer T)[]] ? FieldMismatch<NonNullable<O>, NonNullable<T>, `${Path}[]`> : `${Path}: list here, not in the spec`
  : [Ours] extends [Record<string, unknown>]
    ? [Theirs] extends [object] ? Mismatches<Ours, Theirs, `${Path}.`> : `${Path}: object here, scalar in the spec`
    : [Theirs] extends [Ours] ? never : `${Path}: the spec's type does not fit ours`;

/** Compiles only when `M` is never, i.e. no mismatching field. */
type Agree<Ours extends z.ZodType, Theirs, M extends Mismatches<z.output<Ours>, Theirs> = Mismatches<z.output<Ours>, Theirs>> = [M] extends [never] ? true : M;
const agree = <T extends true>() => undefined as unknown as T;

export const contract = [
  agree<Agree<typeof SystemInfo, Spec['Info']>>(),
  agree<Agree<typeof Member, Spec['Member']>>(),
  agree<Agree<typeof ApiMember, Spec['ApiMember']>>(),
  agree<Agree<typeof SecurityRole, Spec['SecurityRole']>>(),
  agree<Agree<typeof SecurityRoleSetting, Spec['SecurityRoleSetting']>>(),
  agree<Agree<typeof Company, Spec['Company']>>(),
  agree<Agree<typeof Contact, Spec['Contact']>>(),
  agree<Agree<typeof Agreement, Spec['Agreement']>>(),
  agree<Agree<typeof Addition, Spec['Addition']>>(),
  agree<Agree<typeof CatalogItem, Spec['CatalogItem']>>(),
  agree<Agree<typeof Category, Spec['Category']>>(),
  agree<Agree<typeof SubCategory, Spec['SubCategory']>>(),
  agree<Agree<typeof ProductType, Spec['ProductType']>>(),
  agree<Agree<typeof Board, Spec['Board']>>(),
  agree<Agree<typeof BoardStatus, Spec['BoardStatus']>>(),
  agree<Agree<typeof Priority, Spec['Priority']>>(),
  agree<Agree<typeof Ticket, Spec['Ticket']>>(),
  agree<Agree<typeof TicketNote, Spec['ServiceNote']>>(),
  agree<Agree<typeof TicketConfiguration, Spec['ConfigurationReference']>>(),
  agree<Agree<typeof Configuration, Spec['Company.Configuration']>>(),
  agree<Agree<typeof ConfigurationType, Spec['ConfigurationType']>>(),
  agree<Agree<typeof MenuEntry, Spec['MenuEntry']>>(),
];
