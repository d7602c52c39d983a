import { describe, expect, it } from 'vitest';
import {
  normaliseActionStatus, normaliseMailboxStatus, normaliseOrganizationState, normaliseProductType, normaliseTaskStatus,
  normaliseTenantStatus,
} from './status';

describe('normaliseMailboxStatus', () => {
  it.each([
    // The vendor's words (Sherweb catalogue, Dropsuite help centre, client fixtures)
    ['Preparing Backup', 'preparing'],
    ['In Progress/Running', 'running'],
    ['In Progress / Running', 'running'],
    ['In Progress', 'running'],
    ['Running', 'running'],
    ['Completed', 'completed'],
    ['Retrying', 'retrying'],
    ['Connection Error', 'connection_error'],
    ['Authentication Error', 'auth_error'],
    ['Need Authentication', 'auth_error'],
    ['Space Full', 'storage_full'],
    ['Failed', 'failed'],
    ['Inactive', 'inactive'],
    ['Deactivated', 'deactivated'],
    // Case, whitespace, underscores and dashes do not matter
    ['  completed ', 'completed'],
    ['CONNECTION ERROR', 'connection_error'],
    ['connection_error', 'connection_error'],
    ['auth_error', 'auth_error'],
    ['storage-full', 'storage_full'],
    ['Preparing\tBackup', 'preparing'],
    // Anything else is unknown, never a guess
    ['Exploded', 'unknown'],
    ['Complete-ish', 'unknown'],
    ['', 'unknown'],
  ] as const)('%j → %s', (raw, expected) => {
    expect(normaliseMailboxStatus(raw)).toBe(expected);
  });

  it('maps a missing status to unknown', () => {
    expect(normaliseMailboxStatus(null)).toBe('unknown');
    expect(normaliseMailboxStatus(undefined)).toBe('unknown');
  });
});

describe('the other vocabularies', () => {
  it.each([
    ['queued', 'queued'], ['Pending', 'queued'], ['running', 'running'], ['In Progress', 'running'],
    ['succeeded', 'succeeded'], ['Completed', 'succeeded'], ['failed', 'failed'], ['cancelled', 'unknown'],
  ] as const)('task %j → %s', (raw, expected) => expect(normaliseTaskStatus(raw)).toBe(expected));

  it.each([
    ['queued', 'queued'], ['running', 'running'], ['completed', 'completed'], ['Succeeded', 'completed'],
    ['failed', 'failed'], ['lost', 'unknown'],
  ] as const)('action %j → %s', (raw, expected) => expect(normaliseActionStatus(raw)).toBe(expected));

  it.each([
    ['Active', 'active'], ['suspended', 'suspended'], ['UNSUBSCRIBED', 'unsubscribed'], ['deleted', 'deleted'],
    ['archived', 'unknown'],
  ] as const)('organisation %j → %s', (raw, expected) => expect(normaliseOrganizationState(raw)).toBe(expected));

  it.each([
    ['backup', 'backup'], ['Archiver', 'archiver'], ['archive', 'archiver'], ['personal', 'personal'], ['office', 'unknown'],
  ] as const)('product type %j → %s', (raw, expected) => expect(normaliseProductType(raw)).toBe(expected));

  it.each([
    [0, 'queued'], [1, 'reauth_required'], [5, 'processing'], [7, 'completed'], [13, 'reauth_required'], [42, 'unknown'],
    ['Completed', 'completed'], ['Recreate Application', 'reauth_required'], ['reauth_required', 'reauth_required'],
    [null, 'unknown'],
  ] as const)('tenant %j → %s', (raw, expected) => expect(normaliseTenantStatus(raw)).toBe(expected));
});
