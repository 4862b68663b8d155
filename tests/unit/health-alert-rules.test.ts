import t from 'tap';
import {
  THRESHOLDS, activeAlertKeys, evaluateAlerts, initialAlertState, type AlertEvent, type AlertState, type HealthReadings,
} from '../../server/src/domain/devices/alert-rules.js';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');

/** Feeds a sequence of readings (one per step, `step` ms apart) and returns every event with its step index. */
function run(readings: Omit<HealthReadings, 'at'>[], opts: { state?: AlertState; step?: number } = {}) {
  let state = opts.state ?? initialAlertState();
  const events: (AlertEvent & { i: number })[] = [];
  readings.forEach((r, i) => {
    const out = evaluateAlerts(state, { ...r, at: T0 + i * (opts.step ?? 5_000) });
    state = out.state;
    events.push(...out.events.map((e) => ({ ...e, i })));
  });
  return { state, events, summary: events.map((e) => `${e.i}:${e.type}:${e.rule}:${e.severity}`) };
}

t.test('disk nearly full: warning under 10 %, critical under 5 %, cleared at 12 % (two readings)', async (t) => {
  const disk = (freePct: number) => ({ disks: [{ mount: '/', freePct }] });
  const { summary, events, state } = run([disk(30), disk(9.5), disk(9), disk(4.9), disk(7), disk(11), disk(12.5), disk(13), disk(20)]);
  t.same(summary, ['1:raised:disk_low:warning', '3:escalated:disk_low:critical', '7:cleared:disk_low:critical']);
  t.equal(events[0]!.threshold, 10);
  t.equal(events[1]!.threshold, 5);
  t.match(events[0]!.message.vi, /Ổ đĩa "\/" sắp đầy: chỉ còn trống 9,5 % \(ngưỡng 10 %\)/);
  t.match(events[0]!.message.en, /Disk "\/" is nearly full: only 9\.5 % free \(threshold 10 %\)/);
  t.same(activeAlertKeys(state), []);
});

t.test('a value hovering around the threshold raises once and does not flap', async (t) => {
  const seq = [9.9, 10.1, 9.9, 10.2, 9.8, 10.1, 11.9, 9.9, 11.5].map((freePct) => ({ disks: [{ mount: '/data', freePct }] }));
  const { summary, state } = run(seq);
  t.same(summary, ['0:raised:disk_low:warning'], 'one alert, still open: never back above 12 %');
  t.same(activeAlertKeys(state), ['disk_low|/data']);
});

t.test('a single safe reading inside a run does not clear (clearAfter = 2)', async (t) => {
  const d = (freePct: number) => ({ disks: [{ mount: '/', freePct }] });
  t.same(run([d(8), d(13), d(9), d(13), d(14)]).summary, ['0:raised:disk_low:warning', '4:cleared:disk_low:warning']);
});

t.test('an unmounted disk clears its alert; disks are independent', async (t) => {
  const { summary } = run([
    { disks: [{ mount: '/', freePct: 50 }, { mount: '/media/usb', freePct: 3 }] },
    { disks: [{ mount: '/', freePct: 8 }, { mount: '/media/usb', freePct: 3 }] },
    { disks: [{ mount: '/', freePct: 8 }] },
  ]);
  t.same(summary, ['0:raised:disk_low:critical', '1:raised:disk_low:warning', '2:cleared:disk_low:critical']);
});

t.test('temperature: ≥ 80 °C for two readings warns, ≥ 90 °C escalates, below 75 °C for two readings clears', async (t) => {
  const temp = (temperatureC: number | null) => ({ temperatureC });
  const { summary, events } = run([temp(70), temp(82), temp(79), temp(81), temp(85), temp(91), temp(92), temp(78), temp(74), temp(76), temp(70), temp(60)], { step: 30_000 });
  t.same(summary, ['4:raised:temperature_high:warning', '6:escalated:temperature_high:critical', '11:cleared:temperature_high:critical']);
  t.match(events[0]!.message.vi, /Nhiệt độ CPU cao: 85,0 °C \(ngưỡng 80 °C\)/);
  t.equal(events[1]!.value, 92);
});

t.test('no temperature sensor (null) changes nothing', async (t) => {
  const { summary, state } = run([{ temperatureC: null }, { temperatureC: null }, {}, { temperatureC: null }]);
  t.same(summary, []);
  t.same(state.rules, {});
  // A sensor that disappears while an alert is open leaves the alert open (no reading, no decision).
  const hot = run([{ temperatureC: 85 }, { temperatureC: 85 }, { temperatureC: null }, { temperatureC: null }]);
  t.same(hot.summary, ['1:raised:temperature_high:warning']);
  t.same(activeAlertKeys(hot.state), ['temperature_high|cpu']);
});

t.test('memory: available under 10 % for three readings, cleared at 15 % for three', async (t) => {
  const m = (memoryAvailablePct: number) => ({ memoryAvailablePct });
  const { summary } = run([m(9), m(8), m(20), m(9), m(9), m(9), m(12), m(16), m(16), m(14), m(16), m(16), m(16)]);
  t.same(summary, ['5:raised:memory_low:warning', '12:cleared:memory_low:warning']);
  t.same(run([m(4), m(4), m(4)]).summary, ['2:raised:memory_low:critical'], 'straight to critical when the whole run is critical');
});

t.test('camera offline: three failed checks raise, two good ones clear; one good check resets the count', async (t) => {
  const cam = (reachable: boolean) => ({ devices: [{ id: 7, kind: 'camera' as const, name: 'Camera bảng', host: '192.168.1.20', port: 554, reachable }] });
  const { summary, events } = run([cam(true), cam(false), cam(false), cam(true), cam(false), cam(false), cam(false), cam(false), cam(true), cam(false), cam(true), cam(true)], { step: 10_000 });
  t.same(summary, ['6:raised:device_offline:warning', '11:cleared:device_offline:warning']);
  t.equal(events[0]!.deviceId, 7);
  t.equal(events[0]!.subject, 'device:7');
  t.match(events[0]!.message.vi, /Camera "Camera bảng" \(192\.168\.1\.20:554\) không phản hồi sau 3 lần kiểm tra liên tiếp/);
  t.match(events[0]!.message.en, /did not answer 3 checks in a row/);
});

t.test('a retired camera (no longer in the checked list) has its alert cleared', async (t) => {
  const cams = (ids: number[]) => ({ devices: ids.map((id) => ({ id, kind: 'camera' as const, name: `C${id}`, host: '10.0.0.1', port: 80, reachable: id !== 2 })) });
  const { summary, state } = run([cams([1, 2]), cams([1, 2]), cams([1, 2]), cams([1])]);
  t.same(summary, ['2:raised:device_offline:warning', '3:cleared:device_offline:warning']);
  t.same(state.rules, {});
});

t.test('media worker restarted: raised on a new restart, critical at three, cleared after 5 quiet minutes', async (t) => {
  const step = 60_000;
  const r = (mediaRestarts: number) => ({ mediaRestarts });
  // Baseline 0, restart at step 2, two more at steps 3 and 5 (3 in the episode → critical), quiet from step 5 on.
  const { summary, events } = run([r(0), r(0), r(1), r(2), r(2), r(3), r(3), r(3), r(3), r(3), r(3), r(3)], { step });
  t.same(summary, ['2:raised:media_worker_restarted:warning', '5:escalated:media_worker_restarted:critical', '10:cleared:media_worker_restarted:critical']);
  t.match(events[1]!.message.vi, /khởi động lại 3 lần/);
  t.same(run([r(5), r(5)]).summary, [], 'the first reading is only a baseline');
  t.same(run([r(5), r(0), r(0)]).summary, [], 'a collector reset (count going down) is not a restart');
  t.equal(THRESHOLDS.media.quietMs, 5 * 60_000);
});

t.test('after a process restart, alerts still open in the database are not raised again', async (t) => {
  const state = initialAlertState([{ rule: 'disk_low', subject: '/', deviceId: null, severity: 'warning', message: { vi: 'x', en: 'x' } }], T0);
  const { summary } = run([{ disks: [{ mount: '/', freePct: 9 }] }, { disks: [{ mount: '/', freePct: 4 }] }, { disks: [{ mount: '/', freePct: 20 }] }, { disks: [{ mount: '/', freePct: 20 }] }], { state });
  t.same(summary, ['1:escalated:disk_low:critical', '3:cleared:disk_low:critical']);
});

t.test('evaluateAlerts does not modify the state it is given', async (t) => {
  const before = initialAlertState();
  const frozen = JSON.stringify(before);
  const once = evaluateAlerts(before, { at: T0, disks: [{ mount: '/', freePct: 1 }], memoryAvailablePct: 1 });
  t.equal(JSON.stringify(before), frozen);
  t.same(evaluateAlerts(before, { at: T0, disks: [{ mount: '/', freePct: 1 }], memoryAvailablePct: 1 }), once, 'same input, same output');
  const onceRules = JSON.stringify(once.state);
  evaluateAlerts(once.state, { at: T0 + 5_000, memoryAvailablePct: 1, disks: [] });
  t.equal(JSON.stringify(once.state), onceRules);
});
