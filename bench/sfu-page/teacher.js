// The teacher of the SFU benchmark (bench/sfu.ts), in headless Chromium: mediasoup-client sends
// the microphone, the camera in the app's three simulcast layers and a screen, with the app's own
// media profile (ui/src/live/media-profile.ts). Bundled by esbuild at bench start; plain
// JavaScript because the project's TypeScript has no DOM library. Signaling goes through
// `window.benchSignal(method, data)`, a function the bench exposes with page.exposeFunction.
//
// - camera: Chromium's fake camera (--use-fake-device-for-media-stream) at the app's constraints;
// - microphone: a speech-like Web Audio signal by default (a talking teacher: Opus never goes
//   into DTX silence, 50 packets/s), or the fake microphone (a short beep per second) on request;
// - screen: getDisplayMedia needs a user gesture, so an animated 'slides' canvas, captured at the
//   app's screen frame rate, with the contentHint the app sets on a shared screen.
import { Device } from 'mediasoup-client';
import { CAMERA_CONSTRAINTS, CAMERA_LAYERS, MIC_CONSTRAINTS, SCREEN_MAX_BITRATE } from '../../ui/src/live/media-profile.ts';

const signal = (method, data = {}) => window.benchSignal(method, data);

/** A continuous voice-like signal: a buzzy vowel at ~140 Hz, formant-filtered, at a syllable rhythm, plus breath noise. */
function speechLikeTrack() {
  const ctx = new AudioContext({ sampleRate: 48000 });
  const voice = ctx.createOscillator();
  voice.type = 'sawtooth';
  voice.frequency.value = 140;
  const vibrato = ctx.createOscillator();
  vibrato.frequency.value = 0.7;
  const vibratoDepth = ctx.createGain();
  vibratoDepth.gain.value = 25;
  vibrato.connect(vibratoDepth).connect(voice.frequency);
  const formant = ctx.createBiquadFilter();
  formant.type = 'bandpass';
  formant.frequency.value = 900;
  formant.Q.value = 1.2;
  const syllables = ctx.createGain();
  syllables.gain.value = 0.5;
  const rhythm = ctx.createOscillator();
  rhythm.frequency.value = 4;
  const rhythmDepth = ctx.createGain();
  rhythmDepth.gain.value = 0.4;
  rhythm.connect(rhythmDepth).connect(syllables.gain);
  const noise = ctx.createBufferSource();
  const buffer = ctx.createBuffer(1, ctx.sampleRate * 2, ctx.sampleRate);
  const samples = buffer.getChannelData(0);
  for (let i = 0; i < samples.length; i++) samples[i] = (Math.random() * 2 - 1) * 0.05;
  noise.buffer = buffer;
  noise.loop = true;
  const out = ctx.createMediaStreamDestination();
  voice.connect(formant).connect(syllables).connect(out);
  noise.connect(out);
  for (const node of [voice, vibrato, rhythm, noise]) node.start();
  return out.stream.getAudioTracks()[0];
}

/** A lesson's slides: mostly still text, a moving pointer and a clock, a new slide every 5 s. */
function slidesTrack(width, height, fps) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  document.body.append(canvas);
  const g = canvas.getContext('2d');
  const started = performance.now();
  const draw = () => {
    const t = (performance.now() - started) / 1000;
    const slide = Math.floor(t / 5);
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, width, height);
    g.fillStyle = '#1d3557';
    g.font = `bold ${Math.round(height / 14)}px sans-serif`;
    g.fillText(`Bài ${slide + 1}: Phân số bằng nhau`, width * 0.06, height * 0.14);
    g.font = `${Math.round(height / 28)}px sans-serif`;
    for (let line = 0; line < 9; line++) {
      const a = (slide * 7 + line * 3) % 11 + 1;
      const b = (slide * 5 + line * 2) % 9 + 2;
      g.fillText(`${line + 1}. ${a}/${b} = ${a * 2}/${b * 2} = ${a * 3}/${b * 3} — rút gọn, quy đồng mẫu số, so sánh`, width * 0.08, height * (0.26 + line * 0.075));
    }
    g.fillStyle = `hsl(${(slide * 47) % 360} 70% 45%)`;
    g.fillRect(width * 0.72, height * 0.55, width * 0.2, height * 0.3);
    g.fillStyle = '#e63946';
    g.beginPath();
    g.arc(width * (0.5 + 0.4 * Math.sin(t * 0.9)), height * (0.6 + 0.25 * Math.sin(t * 1.3)), height / 60, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#333333';
    g.fillText(new Date().toISOString().slice(11, 22), width * 0.8, height * 0.95);
  };
  draw();
  setInterval(draw, 1000 / fps);
  const track = canvas.captureStream(fps).getVideoTracks()[0];
  track.contentHint = 'detail';
  return track;
}

const producers = new Map();
let sendTransport = null;

window.startTeacher = async (opts) => {
  const device = new Device();
  await device.load({ routerRtpCapabilities: await signal('rtpCapabilities') });
  const info = await signal('createTransport');
  const transport = device.createSendTransport(info);
  sendTransport = transport;
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    signal('connect', { transportId: transport.id, dtlsParameters }).then(callback, errback);
  });
  transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
    signal('produce', { transportId: transport.id, kind, rtpParameters, source: appData.source }).then(callback, errback);
  });

  const mic = opts.fakeMic
    ? (await navigator.mediaDevices.getUserMedia({ audio: MIC_CONSTRAINTS, video: false })).getAudioTracks()[0]
    : speechLikeTrack();
  const camera = (await navigator.mediaDevices.getUserMedia({ video: CAMERA_CONSTRAINTS, audio: false })).getVideoTracks()[0];
  const screen = slidesTrack(opts.screenWidth, opts.screenHeight, opts.screenFps);

  // The options the app's live-media.ts gives each source.
  producers.set('microphone', await transport.produce({ track: mic, appData: { source: 'microphone' }, codecOptions: { opusStereo: false, opusDtx: true, opusFec: true } }));
  producers.set('camera', await transport.produce({
    track: camera,
    appData: { source: 'camera' },
    encodings: CAMERA_LAYERS.map((l) => ({ ...l })),
    codecOptions: { videoGoogleStartBitrate: 1000 },
  }));
  producers.set('screen', await transport.produce({ track: screen, appData: { source: 'screen' }, encodings: [{ maxBitrate: SCREEN_MAX_BITRATE }] }));
  const settings = camera.getSettings();
  return { camera: `${settings.width}x${settings.height}@${settings.frameRate}` };
};

/** What the browser says it sends: per source and simulcast layer, resolution, frame rate, bytes and what limits quality. */
window.teacherStats = async () => {
  const out = [];
  for (const [source, producer] of producers) {
    const report = await producer.getStats();
    for (const s of report.values()) {
      if (s.type !== 'outbound-rtp') continue;
      out.push({
        source,
        rid: s.rid ?? '',
        width: s.frameWidth ?? 0,
        height: s.frameHeight ?? 0,
        fps: s.framesPerSecond ?? 0,
        bytesSent: s.bytesSent ?? 0,
        packetsSent: s.packetsSent ?? 0,
        keyFrames: s.keyFramesEncoded ?? 0,
        pli: s.pliCount ?? 0,
        limitation: s.qualityLimitationReason ?? '',
        active: s.active ?? true,
      });
    }
  }
  return out;
};

/** The browser's estimate of its uplink to the SFU (send-side bandwidth estimation), in bit/s. */
window.teacherUplink = async () => {
  if (sendTransport === null) return 0;
  const report = await sendTransport.getStats();
  for (const s of report.values()) {
    if (s.type === 'candidate-pair' && s.nominated && s.availableOutgoingBitrate !== undefined) return s.availableOutgoingBitrate;
  }
  return 0;
};
