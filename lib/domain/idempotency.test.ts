import { describe, expect, it } from 'vitest';
import { decideFixStart, type FixMarker, type FixStartDecision, formatFixMarker, parseFixMarker } from './idempotency';
import type { NoteLike } from './records';
import { ago, MINUTE, NOW } from './test-support';

describe('the fix marker line', () => {
  it.each<[FixMarker, string]>([
    [{ phase: 'started', claim: 'k3x9', taskIds: [], by: 'jsmith', at: '2025-05-15T12:00:00.000Z' },
      '[Backup Bridge] fix started claim=k3x9 by=jsmith at=2025-05-15T12:00:00.000Z'],
    [{ phase: 'started', claim: 'k3x9', taskIds: ['t-1', 't-2'], by: 'jsmith', at: '2025-05-15T12:00:00.000Z' },
      '[Backup Bridge] fix started claim=k3x9 task=t-1,t-2 by=jsmith at=2025-05-15T12:00:00.000Z'],
    [{ phase: 'finished', result: 'fixed', claim: 'k3x9', taskIds: ['t-1'], by: 'jsmith', at: '2025-05-15T12:04:00.000Z' },
      '[Backup Bridge] fix finished result=fixed claim=k3x9 task=t-1 by=jsmith at=2025-05-15T12:04:00.000Z'],
    [{ phase: 'finished', result: 'cannot-fix', claim: 'a b', taskIds: ['x,y', 'z=1'], by: 'Asha Kumar', at: null },
      '[Backup Bridge] fix finished result=cannot-fix claim=a%20b task=x%2Cy,z%3D1 by=Asha%20Kumar'],
  ])('writes and reads back %j', (marker, line) => {
    expect(formatFixMarker(marker)).toBe(line);
    expect(parseFixMarker(line)).toEqual(marker);
    expect(parseFixMarker(`${line}\nFix and resume backup for jane.doe@fabrikamlegal.com: fixed.`)).toEqual(marker);
  });

  it.each<[string, object | null]>([
    ['  [backup bridge] FIX STARTED claim=a by=b', { phase: 'started', claim: 'a', by: 'b', taskIds: [], at: null }],
    ['[Backup Bridge] fix started claim=a by=b future=field\r\nmore', { phase: 'started', claim: 'a' }],
    ['[Backup Bridge] fix started claim=a at=yesterday', { at: null }],
    ['[Backup Bridge] fix started', { phase: 'started', claim: '', by: '', taskIds: [] }],
    ['[Backup Bridge] fix finished result=maybe claim=a', null],
    ['[Backup Bridge] fix finished claim=a', null],
    ['[Backup Bridge] fix startedx claim=a', null],
    ['Fixed it by hand.\n[Backup Bridge] fix started claim=a', null], // the marker must be the first line
    ['Backup completed successfully; closed automatically.', null],
    ['', null],
  ])('reads %j', (text, expected) => {
    if (expected === null) expect(parseFixMarker(text)).toBeNull();
    else expect(parseFixMarker(text)).toMatchObject(expected);
  });
});

describe('decideFixStart', () => {
  let nextId = 1;
  const note = (text: string, createdAgo: number | null, id = nextId++): NoteLike =>
    ({ id, text, dateCreated: createdAgo === null ? null : ago(createdAgo) });
  const started = (claim: string, by: string, createdAgo: number | null, taskIds: string[] = [], id?: number) =>
    note(formatFixMarker({ phase: 'started', claim, taskIds, by, at: null }), createdAgo, id);
  const finished = (result: 'fixed' | 'failed' | 'exhausted', createdAgo: number, claim = 'c1') =>
    note(formatFixMarker({ phase: 'finished', result, claim, taskIds: ['t-1'], by: 'jsmith', at: null }), createdAgo);
  const plain = note('Called the customer; they changed their password.', 30 * MINUTE);

  it.each<[string, NoteLike[], FixStartDecision, string?]>([
    ['no notes', [], { kind: 'start', reason: 'no-marker' }],
    ['only ordinary notes', [plain, { id: 99, text: null }, { id: 98 }], { kind: 'start', reason: 'no-marker' }],
    ['someone started 2 minutes ago: join them', [plain, started('c1', 'akumar', 2 * MINUTE, ['t-1'])],
      { kind: 'join', claim: 'c1', taskIds: ['t-1'], by: 'akumar', since: ago(2 * MINUTE) }],
    ['a reload mid-task: my own claim, still fresh', [started('c1', 'jsmith', 30_000)],
      { kind: 'join', claim: 'c1', taskIds: [], by: 'jsmith', since: ago(30_000) }],
    ['a claim 20 minutes old without outcome is stale', [started('c1', 'akumar', 20 * MINUTE)], { kind: 'start', reason: 'stale-claim' }],
    ['fixed a minute ago', [started('c1', 'akumar', 3 * MINUTE), finished('fixed', MINUTE)],
      { kind: 'already-done', result: 'fixed', by: 'jsmith', at: ago(MINUTE) }],
    ['cancelled (exhausted) a minute ago', [started('c1', 'akumar', 3 * MINUTE), finished('exhausted', MINUTE)],
      { kind: 'already-done', result: 'exhausted', by: 'jsmith', at: ago(MINUTE) }],
    ['failed a minute ago: trying again is allowed', [started('c1', 'akumar', 3 * MINUTE), finished('failed', MINUTE)],
      { kind: 'start', reason: 'previous-finished' }],
    ['fixed two hours ago (the ticket came back)', [started('c1', 'akumar', 121 * MINUTE), finished('fixed', 120 * MINUTE)],
      { kind: 'start', reason: 'previous-finished' }],
    ['an outcome settles every claim before it, the joiners’ too',
      [started('c1', 'akumar', 5 * MINUTE), started('c2', 'mlopez', 4 * MINUTE), finished('failed', 3 * MINUTE)],
      { kind: 'start', reason: 'previous-finished' }],
    ['a claim after an outcome is live', [finished('failed', 10 * MINUTE), started('c2', 'mlopez', MINUTE)],
      { kind: 'join', claim: 'c2', taskIds: [], by: 'mlopez', since: ago(MINUTE) }],
    ['two fresh claims: the earliest leads', [started('c2', 'mlopez', MINUTE), started('c1', 'akumar', 2 * MINUTE)],
      { kind: 'join', claim: 'c1', taskIds: [], by: 'akumar', since: ago(2 * MINUTE) }],
    ['two claims in the same second: the lower note id leads', [started('c9', 'mlopez', MINUTE, [], 71), started('c8', 'akumar', MINUTE, [], 70)],
      { kind: 'join', claim: 'c8', taskIds: [], by: 'akumar', since: ago(MINUTE) }],
    ['a stale claim before a fresh one', [started('c1', 'akumar', 40 * MINUTE), started('c2', 'mlopez', MINUTE)],
      { kind: 'join', claim: 'c2', taskIds: [], by: 'mlopez', since: ago(MINUTE) }],
    ['a marker of unknown age never locks', [started('c1', 'akumar', null)], { kind: 'start', reason: 'stale-claim' }],
  ])('%s', (_, notes, expected) => {
    expect(decideFixStart({ notes, now: NOW })).toEqual(expected);
  });

  it('trusts ConnectWise’s dateCreated over the writer’s clock, and falls back to it', () => {
    const line = formatFixMarker({ phase: 'started', claim: 'c1', taskIds: [], by: 'akumar', at: ago(MINUTE) });
    expect(decideFixStart({ notes: [{ id: 1, text: line, dateCreated: ago(30 * MINUTE) }], now: NOW })).toEqual({ kind: 'start', reason: 'stale-claim' });
    expect(decideFixStart({ notes: [{ id: 1, text: line }], now: NOW })).toMatchObject({ kind: 'join', since: ago(MINUTE) });
  });

  it('takes the stale window as a parameter', () => {
    const notes = [started('c1', 'akumar', 3 * MINUTE)];
    expect(decideFixStart({ notes, now: NOW, staleAfterMs: 2 * MINUTE })).toEqual({ kind: 'start', reason: 'stale-claim' });
    expect(decideFixStart({ notes, now: NOW, staleAfterMs: 4 * MINUTE })).toMatchObject({ kind: 'join' });
  });

  it('lets exactly one of two technicians who clicked at once do the work', () => {
    // Both read the notes before either claim landed…
    expect(decideFixStart({ notes: [plain], now: NOW })).toEqual({ kind: 'start', reason: 'no-marker' });
    // …both wrote a claim, then both read again.
    const notes = [plain, started('asha-1', 'akumar', 2_000, [], 90), started('maria-1', 'mlopez', 1_000, [], 91)];
    const asha = decideFixStart({ notes, now: NOW, ownClaim: 'asha-1' });
    const maria = decideFixStart({ notes, now: NOW, ownClaim: 'maria-1' });
    expect(asha).toEqual({ kind: 'start', reason: 'claimed' });
    expect(maria).toMatchObject({ kind: 'join', claim: 'asha-1', by: 'akumar' });
  });

  it('tells a double click the first click is running', () => {
    const notes = [started('first', 'jsmith', 500, [], 90), started('second', 'jsmith', 0, [], 91)];
    expect(decideFixStart({ notes, now: NOW, ownClaim: 'second' })).toMatchObject({ kind: 'join', claim: 'first' });
  });
});
