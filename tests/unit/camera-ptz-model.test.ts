// The virtual camera's PTZ head on a fake clock: moves, limits, continuous motion with
// timeout and stop, and presets with Vietnamese names.
import t from 'tap';
import { PtzError, PtzModel, UNITS_PER_SECOND } from '../../appliance/src/cameras/virtual-camera/ptz-model.js';

t.test('absolute and relative moves, clamped at the limits', async (t) => {
  const m = new PtzModel(() => 0);
  m.absoluteMove({ pan: 0.5, tilt: -0.25, zoom: 0.4 });
  t.same(m.position(), { pan: 0.5, tilt: -0.25, zoom: 0.4 });
  m.absoluteMove({ zoom: 0 });
  t.same(m.position(), { pan: 0.5, tilt: -0.25, zoom: 0 }, 'axes not named stay');
  m.relativeMove({ pan: 0.75, tilt: 0.25 });
  t.same(m.position(), { pan: 1, tilt: 0, zoom: 0 }, 'pan stops at 1');
  t.throws(() => m.absoluteMove({ pan: 1.5 }), PtzError);
  t.throws(() => m.absoluteMove({ zoom: -0.1 }), PtzError);
  t.throws(() => m.absoluteMove({ pan: Number.NaN }), PtzError);
});

t.test('continuous moves follow the clock, end at their timeout or on Stop', async (t) => {
  let now = 0;
  const m = new PtzModel(() => now);
  m.continuousMove({ pan: 1 }, 1000);
  t.same(m.moving(), { panTilt: true, zoom: false });
  now = 500;
  t.equal(m.position().pan, 0.5 * UNITS_PER_SECOND);
  now = 5000;
  t.equal(m.position().pan, UNITS_PER_SECOND, 'stopped by its timeout');
  t.same(m.moving(), { panTilt: false, zoom: false });

  m.continuousMove({ tilt: -1, zoom: 1 }, undefined);
  now = 6000;
  m.stop(true, false);
  t.same(m.moving(), { panTilt: false, zoom: true }, 'Stop of pan/tilt only keeps zooming');
  now = 7000;
  m.stop(true, true);
  const p = m.position();
  t.equal(p.tilt, -UNITS_PER_SECOND);
  t.equal(p.zoom, Math.min(1, 2 * UNITS_PER_SECOND), 'zoom kept going until the second Stop');
  now = 9000;
  t.same(m.position(), p, 'nothing moves after Stop');
});

/** The subcodes a model call was refused with. */
function refusal(op: () => unknown): string[] | undefined {
  try {
    op();
    return undefined;
  } catch (err) {
    return err instanceof PtzError ? err.subcodes : [String(err)];
  }
}

t.test('presets keep Vietnamese names, refuse duplicates, go and get removed', async (t) => {
  const m = new PtzModel(() => 0);
  m.absoluteMove({ pan: -0.5, tilt: 0.2, zoom: 0.1 });
  const board = m.setPreset('Bảng', undefined);
  m.absoluteMove({ pan: 0.3, tilt: -0.1, zoom: 0 });
  const desk = m.setPreset('Bàn giáo viên', undefined);
  t.same(m.presets().map((p) => p.name), ['Bảng', 'Bàn giáo viên']);
  t.same(refusal(() => m.setPreset('bảng', undefined)), ['PresetExist'], 'names are unique, ignoring case');
  t.same(refusal(() => m.setPreset('Bảng'.normalize('NFD'), undefined)), ['PresetExist'], 'and ignoring NFC/NFD');
  t.same(refusal(() => m.setPreset('  ', undefined)), ['InvalidPresetName']);
  m.gotoPreset(board);
  t.same(m.position(), { pan: -0.5, tilt: 0.2, zoom: 0.1 });
  t.equal(m.setPreset(undefined, desk), desk, 'overwriting by token keeps the name');
  t.same(m.presets().find((p) => p.token === desk)?.position, { pan: -0.5, tilt: 0.2, zoom: 0.1 });
  m.removePreset(board);
  t.same(refusal(() => m.gotoPreset(board)), ['NoToken']);
  for (let i = 0; i < 31; i++) m.setPreset(`Vị trí ${i}`, undefined);
  t.same(refusal(() => m.setPreset('Một nữa', undefined)), ['TooManyPresets']);
});
