/**
 * Which picture goes where: the lesson's main picture (a shared screen first, then the person on
 * everyone's screen, then the room camera or the teacher) and the smaller tiles beside it.
 */
import type { LiveState } from '../../../server/src/contracts/live-signaling.js';
import type { RemoteTrack } from './live-media.js';

export interface Tile {
  key: string;
  track: MediaStreamTrack;
  personId: number | null;
  source: RemoteTrack['source'];
  mirror?: boolean;
}

export function remoteTile(r: RemoteTrack): Tile {
  return { key: r.consumerId, track: r.track, personId: r.personId, source: r.source };
}

/** Students and observers: main = screen › spotlight › teacher's camera › room camera. */
export function studentStage(remote: RemoteTrack[], state: LiveState | null): { main: Tile | null; others: Tile[] } {
  const videos = remote.filter((r) => r.kind === 'video').map(remoteTile);
  const teacherId = state?.peers.find((p) => p.role === 'teacher')?.personId ?? null;
  const spot = state?.spotlightPersonId ?? null;
  const main = videos.find((v) => v.source === 'screen')
    ?? (spot !== null ? videos.find((v) => v.personId === spot && v.source === 'camera') : undefined)
    ?? videos.find((v) => v.personId === teacherId && v.source === 'camera')
    ?? videos.find((v) => v.source === 'room-camera')
    ?? videos[0]
    ?? null;
  const rank = (t: Tile) => (t.source === 'room-camera' ? 0 : t.personId === teacherId ? 1 : 2);
  const others = videos.filter((v) => v !== main).sort((a, b) => rank(a) - rank(b));
  return { main, others };
}

/** The teacher: main = own screen › room camera › spotlighted student › own camera. */
export function teacherStage(remote: RemoteTrack[], own: { camera: MediaStreamTrack | null; screen: MediaStreamTrack | null }, state: LiveState | null, selfId: number | null): { main: Tile | null; others: Tile[] } {
  const tiles: Tile[] = [];
  if (own.screen) tiles.push({ key: 'own-screen', track: own.screen, personId: selfId, source: 'screen' });
  for (const r of remote) if (r.kind === 'video') tiles.push(remoteTile(r));
  if (own.camera) tiles.push({ key: 'own-camera', track: own.camera, personId: selfId, source: 'camera', mirror: true });
  const spot = state?.spotlightPersonId ?? null;
  const main = tiles.find((t) => t.key === 'own-screen')
    ?? tiles.find((t) => t.source === 'room-camera')
    ?? (spot !== null ? tiles.find((t) => t.personId === spot && t.source === 'camera' && t.key !== 'own-camera') : undefined)
    ?? tiles.find((t) => t.key === 'own-camera')
    ?? tiles[0]
    ?? null;
  const rank = (t: Tile) => (t.key === 'own-camera' ? 0 : t.source === 'room-camera' ? 1 : 2);
  return { main, others: tiles.filter((t) => t !== main).sort((a, b) => rank(a) - rank(b)) };
}
