import { html, svg, type TemplateResult } from 'lit';
import type { MaterialKind, VersionStatus } from '../api/materials.js';
import { t, type MessageKey } from '../i18n/index.js';

/** Small shared pieces of the materials pages: the kind's icon and label, the status badge, sizes. */
const ICONS: Record<MaterialKind, TemplateResult> = {
  lecture: svg`<rect x="3" y="5" width="18" height="13" rx="2"/><path d="M10 9l5 2.5-5 2.5z" fill="currentColor"/><path d="M8 21h8"/>`,
  practice_guide: svg`<path d="M9 3h6M10 3v6l-5 9a2 2 0 0 0 1.8 3h10.4a2 2 0 0 0 1.8-3l-5-9V3"/><path d="M7.5 15h9"/>`,
  simulation: svg`<circle cx="12" cy="12" r="2" fill="currentColor"/><ellipse cx="12" cy="12" rx="9" ry="3.5"/><ellipse cx="12" cy="12" rx="9" ry="3.5" transform="rotate(60 12 12)"/><ellipse cx="12" cy="12" rx="9" ry="3.5" transform="rotate(120 12 12)"/>`,
  exercise_bank: svg`<rect x="4" y="3" width="16" height="18" rx="2"/><path d="M8 8l1.5 1.5L12 7M8 14l1.5 1.5L12 13M14 8h3M14 14h3"/>`,
  reference: svg`<path d="M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2z"/><path d="M4 21a2 2 0 0 1 2-2h13v2"/><path d="M8 7h7M8 10h5"/>`,
};

export function kindIcon(kind: MaterialKind): TemplateResult {
  return html`<svg class="kind-icon kind-${kind}" viewBox="0 0 24 24" width="28" height="28" fill="none" stroke="currentColor" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${ICONS[kind]}</svg>`;
}

export const kindLabel = (kind: MaterialKind) => t(`mat.kind.${kind}` as MessageKey);
export const statusLabel = (s: VersionStatus) => t(`mat.status.${s}` as MessageKey);

const STATUS_CLASS: Record<VersionStatus, string> = {
  draft: 'neutral', returned: 'danger', submitted: 'warn', passed: 'warn', published: 'ok', superseded: 'neutral',
};

export function statusBadge(s: VersionStatus): TemplateResult {
  return html`<span class="badge ${STATUS_CLASS[s]}" data-status=${s}>${statusLabel(s)}</span>`;
}

export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1).replace('.', ',')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** dd/mm/yyyy in school time (UTC+7) from an ISO instant. */
export function schoolDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

export function schoolTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ${schoolDay(iso)}`;
}
