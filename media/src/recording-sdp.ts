// The SDP file that tells the recorder's ffmpeg which RTP streams arrive on which local ports,
// built from each consumer's rtpParameters (payload type, codec, clock rate, ssrc).

import type { types } from 'mediasoup';

export interface SdpStream {
  kind: 'audio' | 'video';
  /** RTP port; RTCP is port + 1. */
  port: number;
  payloadType: number;
  /** e.g. "opus", "VP8". */
  codecName: string;
  clockRate: number;
  channels?: number | undefined;
  fmtp: Record<string, unknown>;
  ssrc?: number | undefined;
}

/** The stream a consumer sends, described for the SDP (its first, i.e. media, codec). */
export function sdpStreamOf(kind: 'audio' | 'video', rtpParameters: types.RtpParameters, port: number): SdpStream {
  const codec = rtpParameters.codecs[0];
  if (codec === undefined) throw new Error('consumer has no codec');
  return {
    kind,
    port,
    payloadType: codec.payloadType,
    codecName: codec.mimeType.split('/')[1] ?? codec.mimeType,
    clockRate: codec.clockRate,
    channels: codec.channels,
    fmtp: codec.parameters ?? {},
    ssrc: rtpParameters.encodings?.[0]?.ssrc,
  };
}

export function recordingSdp(streams: readonly SdpStream[], address = '127.0.0.1'): string {
  const lines = ['v=0', `o=- 0 0 IN IP4 ${address}`, 's=Phonghoc recording', `c=IN IP4 ${address}`, 't=0 0'];
  for (const s of streams) {
    lines.push(`m=${s.kind} ${s.port} RTP/AVP ${s.payloadType}`);
    const channels = s.kind === 'audio' && s.channels !== undefined && s.channels > 1 ? `/${s.channels}` : '';
    lines.push(`a=rtpmap:${s.payloadType} ${s.codecName}/${s.clockRate}${channels}`);
    const fmtp = Object.entries(s.fmtp).map(([k, v]) => `${k}=${String(v)}`);
    if (fmtp.length > 0) lines.push(`a=fmtp:${s.payloadType} ${fmtp.join(';')}`);
    if (s.ssrc !== undefined) lines.push(`a=ssrc:${s.ssrc} cname:phonghoc-recorder`);
    lines.push('a=recvonly');
  }
  return `${lines.join('\r\n')}\r\n`;
}
