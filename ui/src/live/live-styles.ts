import { css } from 'lit';

/**
 * Styles shared by the live lesson's components: touch targets of at least 64px (the teaching
 * room's screen is used with a finger, from a metre away), strong contrast, a dark stage for video.
 */
export const liveStyles = css`
  :host { --live-stage: #0d1b22; --live-stage-2: #172a33; --live-target: 4rem; }
  .icon { width: 1.5em; height: 1.5em; flex: none; }

  .ctl {
    display: inline-flex; flex-direction: column; align-items: center; justify-content: center; gap: 0.25rem;
    min-width: var(--live-target); min-height: var(--live-target); padding: 0.5rem 0.875rem;
    border-radius: 12px; border: 2px solid transparent; cursor: pointer; touch-action: manipulation;
    font: inherit; font-weight: 700; line-height: 1.15; text-align: center;
    background: #e6edf1; color: var(--ph-color-text);
  }
  .ctl:hover { background: #d6e2e8; }
  .ctl:active { transform: scale(0.97); }
  .ctl[aria-pressed='true'] { background: var(--ph-color-primary); color: #fff; }
  .ctl.on { background: var(--ph-color-primary); color: #fff; }
  .ctl.off { background: #fbe3e3; color: var(--ph-color-danger); border-color: #f0b4b4; }
  .ctl.danger { background: var(--ph-color-danger); color: #fff; }
  .ctl.warn { background: var(--ph-color-focus); color: #1b2631; }
  .ctl[disabled] { opacity: 0.5; cursor: not-allowed; }
  .ctl.row { flex-direction: row; gap: 0.5rem; }
  .ctl:focus-visible { outline: 4px solid var(--ph-color-focus); outline-offset: 2px; }

  .tabs { display: flex; gap: 0.25rem; border-bottom: 2px solid var(--ph-color-border); overflow-x: auto; scrollbar-width: none; }
  .tab {
    flex: 1 0 auto; display: inline-flex; align-items: center; justify-content: center; gap: 0.375rem;
    min-height: var(--live-target); padding: 0 0.875rem; border: 0; border-bottom: 4px solid transparent; margin-bottom: -2px;
    background: none; font: inherit; font-weight: 700; color: var(--ph-color-muted); cursor: pointer; white-space: nowrap;
  }
  .tab[aria-selected='true'] { color: var(--ph-color-primary); border-bottom-color: var(--ph-color-primary); }
  .tab:focus-visible { outline: 3px solid var(--ph-color-focus); outline-offset: -3px; }
  .count { display: inline-block; min-width: 1.6em; padding: 0 0.4em; border-radius: 999px; background: #dfe6ea; color: var(--ph-color-text); font-size: 0.875em; text-align: center; }
  .count.hot { background: var(--ph-color-focus); color: #1b2631; }

  .pill { display: inline-flex; align-items: center; gap: 0.375rem; padding: 0.25rem 0.75rem; border-radius: 999px; font-weight: 700; white-space: nowrap; }
  .dot { width: 0.7em; height: 0.7em; border-radius: 50%; background: currentColor; flex: none; }

  .empty { color: var(--ph-color-muted); padding: 1rem 0; margin: 0; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
