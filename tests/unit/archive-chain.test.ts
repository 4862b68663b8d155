import t from 'tap';
import { canonicalJson } from '../../server/src/domain/archive/canonical-json.js';
import { DISPOSAL_KIND, GENESIS_HASH, payloadDigest, recordHash, verifyChain, type ChainRecord } from '../../server/src/domain/archive/archive-chain.js';
import type { RecordCategory } from '../../server/src/domain/archive/archive-writer.js';

/** Builds a valid chain the way the writer does: each record's hash covers its fields and the previous hash. */
function chain(n: number, payloadOf: (i: number) => unknown = (i) => ({ i, text: `Bản ghi số ${i}` })): ChainRecord[] {
  const out: ChainRecord[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const payload = canonicalJson(payloadOf(i));
    const h = {
      seq: i, category: (['evidence', 'teaching_process', 'plans', 'assessment'] as RecordCategory[])[i % 4]!, kind: 'test.record', ref: `t:${i}`, title: `Hồ sơ ${i}`,
      schoolYearId: 1, semesterId: 1, actorId: 7, recordedAt: `2026-01-0${(i % 9) + 1}T08:00:00.000Z`, payloadSha256: payloadDigest(payload), prevHash: prev,
    };
    const rec = { ...h, hash: recordHash(h), payload };
    out.push(rec);
    prev = rec.hash;
  }
  return out;
}

t.test('canonical JSON: sorted keys at every depth, undefined members left out, Dates as ISO text, stable across parse', async (t) => {
  t.equal(canonicalJson({ b: 1, a: [3, { d: 'đ', c: null }], e: undefined }), '{"a":[3,{"c":null,"d":"đ"}],"b":1}');
  t.equal(canonicalJson(new Date('2026-01-02T03:04:05.000Z')), '"2026-01-02T03:04:05.000Z"');
  const v = { z: 'Trường THCS', a: { y: 1.5, x: [true, false] } };
  t.equal(canonicalJson(JSON.parse(canonicalJson(v))), canonicalJson(v));
  t.throws(() => canonicalJson({ a: Number.NaN }), /finite/);
  t.throws(() => canonicalJson({ a: 10n }), /bigint/);
});

t.test('an intact chain verifies, with its last seq and hash', async (t) => {
  const c = chain(6);
  const v = verifyChain(c, { head: { seq: 6, hash: c[5]!.hash } });
  t.ok(v.ok);
  t.equal(v.count, 6);
  t.equal(v.lastSeq, 6);
  t.equal(v.lastHash, c[5]!.hash);
  t.ok(verifyChain([]).ok, 'an empty chain is intact');
  t.ok(verifyChain([], { head: { seq: 0, hash: GENESIS_HASH } }).ok, 'an empty archive matches its initial head');
  t.notOk(verifyChain([], { head: { seq: 3, hash: c[2]!.hash } }).ok, 'every record deleted is not an empty archive');
});

t.test('a changed payload is reported at its seq', async (t) => {
  const c = chain(6);
  c[3] = { ...c[3]!, payload: c[3]!.payload!.replace('Bản ghi', 'Bản ghi đã sửa') };
  const v = verifyChain(c);
  t.notOk(v.ok);
  if (!v.ok) t.match(v.firstBreak, { seq: 4, reason: 'payload_changed' });
});

t.test('a changed payload with its digest updated too is caught by the record hash', async (t) => {
  const c = chain(6);
  const payload = canonicalJson({ i: 3, text: 'giả mạo' });
  c[2] = { ...c[2]!, payload, payloadSha256: payloadDigest(payload) };
  const v = verifyChain(c);
  if (!v.ok) t.match(v.firstBreak, { seq: 3, reason: 'fields_changed' });
  else t.fail('not detected');
});

t.test('a changed field (title, category, actor, time) is reported at its seq', async (t) => {
  for (const change of [{ title: 'Khác' }, { category: 'evidence' as const }, { actorId: 8 }, { recordedAt: '2020-01-01T00:00:00.000Z' }, { semesterId: 2 }]) {
    const c = chain(5);
    c[1] = { ...c[1]!, ...change };
    const v = verifyChain(c);
    if (!v.ok) t.match(v.firstBreak, { seq: 2, reason: 'fields_changed' }, JSON.stringify(change));
    else t.fail(`not detected: ${JSON.stringify(change)}`);
  }
});

t.test('a deleted record is reported as a gap at the missing seq', async (t) => {
  const c = chain(6);
  c.splice(2, 1); // seq 3 gone
  const v = verifyChain(c);
  if (!v.ok) t.match(v.firstBreak, { seq: 3, reason: 'seq_gap', expected: 3, found: 4 });
  else t.fail('not detected');
});

t.test('a deleted record whose successors were renumbered is caught by the broken link', async (t) => {
  const c = chain(6);
  c.splice(2, 1);
  const renumbered = c.map((r, i) => ({ ...r, seq: i + 1 }));
  const v = verifyChain(renumbered);
  if (!v.ok) t.match(v.firstBreak, { seq: 3, reason: 'prev_hash_mismatch' });
  else t.fail('not detected');
});

t.test('the last records deleted are caught against the recorded head', async (t) => {
  const c = chain(6);
  const head = { seq: 6, hash: c[5]!.hash };
  const v = verifyChain(c.slice(0, 4), { head });
  if (!v.ok) t.match(v.firstBreak, { seq: 5, reason: 'head_mismatch' });
  else t.fail('not detected');
});

t.test('reordered records: moved rows, and swapped contents under the same seqs', async (t) => {
  const c = chain(6);
  const moved = [c[0]!, c[1]!, c[3]!, c[2]!, c[4]!, c[5]!];
  const v1 = verifyChain(moved);
  if (!v1.ok) t.match(v1.firstBreak, { seq: 3, reason: 'seq_gap' });
  else t.fail('moved rows not detected');
  const swapped = c.map((r) => ({ ...r }));
  // Records 3 and 4 swap everything except their positions (seq).
  const a = swapped[2]!, b = swapped[3]!;
  swapped[2] = { ...b, seq: 3 };
  swapped[3] = { ...a, seq: 4 };
  const v2 = verifyChain(swapped);
  if (!v2.ok) t.equal(v2.firstBreak.seq, 3);
  else t.fail('swapped contents not detected');
  const backwards = [c[0]!, c[2]!, c[1]!];
  const v3 = verifyChain(backwards);
  if (!v3.ok) t.match(v3.firstBreak, { seq: 2, reason: 'seq_gap', found: 3 });
  else t.fail('not detected');
  const back2 = [c[0]!, c[1]!, c[1]!];
  const v4 = verifyChain(back2);
  if (!v4.ok) t.match(v4.firstBreak, { seq: 2, reason: 'out_of_order' });
  else t.fail('duplicate not detected');
});

t.test('an erased payload needs a disposal record that lists it; then the chain still verifies', async (t) => {
  const c = chain(4);
  const erased = c.map((r) => (r.seq === 2 ? { ...r, payload: null } : r));
  const v = verifyChain(erased);
  if (!v.ok) t.match(v.firstBreak, { seq: 2, reason: 'payload_missing' });
  else t.fail('silent erasure not detected');
  // Append the disposal record listing seq 2.
  const payload = canonicalJson({ records: [{ seq: 2, payloadSha256: c[1]!.payloadSha256 }], reason: 'hết hạn' });
  const h = { seq: 5, category: 'evidence' as const, kind: DISPOSAL_KIND, ref: 'archive:disposal', title: 'Huỷ', schoolYearId: null, semesterId: null, actorId: 1, recordedAt: '2030-01-01T00:00:00.000Z', payloadSha256: payloadDigest(payload), prevHash: c[3]!.hash };
  const disposal = { ...h, hash: recordHash(h), payload };
  t.ok(verifyChain([...erased, disposal]).ok);
});

t.test('a segment verifies from its stated start', async (t) => {
  const c = chain(8);
  const seg = c.slice(3);
  t.ok(verifyChain(seg, { start: { seq: 4, prevHash: c[2]!.hash }, head: { seq: 8, hash: c[7]!.hash } }).ok);
  const v = verifyChain(seg, { start: { seq: 4, prevHash: GENESIS_HASH } });
  if (!v.ok) t.match(v.firstBreak, { seq: 4, reason: 'prev_hash_mismatch' });
  else t.fail('wrong anchor not detected');
});

t.test('retention ends the day after the school year end plus the years; permanent never', async (t) => {
  const { retentionEndsOn, retentionEnded } = await import('../../server/src/domain/archive/retention.js');
  t.equal(retentionEndsOn('2027-05-31', 5), '2032-05-31');
  t.equal(retentionEndsOn('2028-02-29', 1), '2029-03-01', 'a leap day rolls forward, never earlier');
  t.notOk(retentionEnded('2027-05-31', 5, '2032-05-31'), 'not on the last day');
  t.ok(retentionEnded('2027-05-31', 5, '2032-06-01'), 'from the day after');
  t.notOk(retentionEnded('2000-01-01', null, '2999-01-01'), 'permanent');
  t.ok(retentionEnded('2027-05-31', 0, '2027-06-01'), 'zero years: after the year ends');
});
