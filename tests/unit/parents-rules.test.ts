import t from 'tap';
import { CONSENT_TEXTS, ageOn, childAgreementNeeded, consentStatus, textSha256 } from '../../server/src/domain/parents/consent-texts.js';
import type { ConsentRecord } from '../../server/src/domain/parents/parents.types.js';
import { attendanceState } from '../../server/src/domain/parents/parent-view.service.js';
import { cleanText } from '../../server/src/domain/parents/parent-messages.service.js';

const rec = (id: number, o: Partial<ConsentRecord>): ConsentRecord => ({
  id, studentId: 1, purpose: 'teaching_assessment', decision: 'given', textVersion: CONSENT_TEXTS.teaching_assessment.version, textSha256: 'x',
  parentId: 2, parentName: 'P', accountId: 3, at: `2026-10-0${id}T00:00:00.000Z`, childAgreement: 'agreed', childAgeYears: 11, ...o,
});

t.test('age in whole years, the day of the birthday included', async (t) => {
  t.equal(ageOn('2019-11-28', '2026-11-28T05:00:00Z'), 7);
  t.equal(ageOn('2019-11-29', '2026-11-28T05:00:00Z'), 6);
  t.equal(ageOn('2014-02-28', '2026-02-27'), 11);
  t.equal(ageOn(null, '2026-01-01'), null);
  t.equal(ageOn('28/11/2019', '2026-01-01'), null, 'only ISO dates');
});

t.test('the child\'s agreement from 7 years on, or when the age is unknown', async (t) => {
  t.notOk(childAgreementNeeded('publish_media', 6));
  t.ok(childAgreementNeeded('publish_media', 7));
  t.ok(childAgreementNeeded('teaching_assessment', null), 'age not verified: asked');
});

t.test('consent status: silence, given, withdrawn, child refused, outdated text', async (t) => {
  t.same(consentStatus('teaching_assessment', []).state, 'unanswered');
  t.notOk(consentStatus('teaching_assessment', []).effective, 'silence is not consent');
  const given = consentStatus('teaching_assessment', [rec(1, {})]);
  t.ok(given.effective);
  const withdrawn = consentStatus('teaching_assessment', [rec(1, {}), rec(2, { decision: 'withdrawn', childAgreement: 'not_required' })]);
  t.equal(withdrawn.state, 'withdrawn');
  t.notOk(withdrawn.effective);
  t.equal(consentStatus('teaching_assessment', [rec(1, {}), rec(2, { decision: 'withdrawn' }), rec(3, {})]).state, 'given', 'given again after a withdrawal');
  t.equal(consentStatus('teaching_assessment', [rec(1, { childAgreement: 'refused' })]).state, 'child_refused');
  const old = consentStatus('teaching_assessment', [rec(1, { textVersion: '2020.1' })]);
  t.ok(old.outdated);
  t.notOk(old.effective, 'consent to an older text is not effective');
  t.equal(consentStatus('lesson_recording', [rec(1, {})]).state, 'unanswered', 'purposes are separate');
  t.equal(textSha256(CONSENT_TEXTS.publish_media).length, 64);
});

t.test('attendance at a past lesson', async (t) => {
  const l = { startsAt: '2026-11-20T01:00:00.000Z', endsAt: '2026-11-20T01:45:00.000Z', endedAt: '2026-11-20T01:45:00.000Z', status: 'ended' as const };
  const now = '2026-11-28T00:00:00.000Z';
  t.equal(attendanceState(l, [], now).value, 'absent');
  t.equal(attendanceState(l, [{ joinedAt: '2026-11-20T01:02:00.000Z', leftAt: '2026-11-20T01:40:00.000Z' }], now).value, 'present');
  t.equal(attendanceState(l, [{ joinedAt: '2026-11-20T01:06:00.000Z', leftAt: '2026-11-20T01:40:00.000Z' }], now).value, 'late', 'more than 5 minutes after the start');
  t.same(attendanceState({ ...l, status: 'cancelled' }, [], now), { value: 'cancelled', held: false, minutes: null });
  t.equal(attendanceState({ ...l, status: 'scheduled', endedAt: null }, [], now).held, false, 'a lesson that never started does not count');
});

t.test('messages are plain text', async (t) => {
  t.equal(cleanText('  Xin chào\r\nthầy\u0007  '), 'Xin chào\nthầy');
  t.equal(cleanText('Hoa\u0300'), 'Hoà', 'NFC');
});
