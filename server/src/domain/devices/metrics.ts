/**
 * The metrics kept in the history, by name. A name is `family.measure`, optionally followed by
 * `:subject` (a mount point or a device id), e.g. `disk.free_pct:/` or `device.up:3`.
 */
export const METRICS = {
  cpuLoad: 'cpu.load_pct',
  cpuTemp: 'cpu.temp_c',
  memAvailable: 'mem.available_pct',
  netRx: 'net.rx_bps',
  netTx: 'net.tx_bps',
  diskRead: 'disk.read_bps',
  diskWrite: 'disk.write_bps',
  mediaWorkers: 'media.workers',
  mediaCpu: 'media.cpu_pct',
} as const;

/** Per-subject metrics. `device.up` is 1 or 0, so its average is the availability. */
export const diskFreeMetric = (mount: string) => `disk.free_pct:${mount}`;
export const deviceUpMetric = (id: number) => `device.up:${id}`;
export const deviceRttMetric = (id: number) => `device.rtt_ms:${id}`;

