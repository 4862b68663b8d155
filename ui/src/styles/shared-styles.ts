import { css } from 'lit';

/** The document's box-sizing rule does not cross shadow roots: every component restates it. */
export const boxSizing = css`
  *, *::before, *::after { box-sizing: border-box; }
`;

/** Type, buttons and links shared by every page (imported into each shadow root). */
export const baseStyles = css`
  *, *::before, *::after { box-sizing: border-box; }
  :host { display: block; }
  h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 1rem; }
  h2 { font-size: 1.25rem; line-height: 1.3; margin: 1.5rem 0 0.75rem; }
  h3 { font-size: 1.0625rem; margin: 1rem 0 0.5rem; }
  p { margin: 0 0 0.75rem; }
  a { color: var(--ph-color-primary); font-weight: 600; }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible, [tabindex]:focus-visible {
    outline: 3px solid var(--ph-color-focus); outline-offset: 2px;
  }
  .muted { color: var(--ph-color-muted); }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .page-head { display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between; gap: 0.75rem 1rem; margin-bottom: 1rem; }
  .page-head h1 { margin: 0; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }

  .btn {
    display: inline-flex; align-items: center; justify-content: center; gap: 0.5rem;
    min-height: 2.75rem; padding: 0.5rem 1.125rem; border-radius: var(--ph-radius-small);
    font: inherit; font-weight: 600; line-height: 1.2; text-decoration: none; cursor: pointer;
    border: 1px solid var(--ph-color-primary); background: var(--ph-color-surface); color: var(--ph-color-primary);
  }
  .btn:hover { background: var(--ph-color-primary-soft); }
  .btn.primary { background: var(--ph-color-primary); color: #fff; }
  .btn.primary:hover { background: var(--ph-color-primary-hover); }
  .btn.danger { border-color: var(--ph-color-danger); color: var(--ph-color-danger); }
  .btn.danger:hover { background: var(--ph-color-danger-soft); }
  .btn.big { min-height: 3.5rem; padding: 0.75rem 1.75rem; font-size: 1.125rem; }
  .btn[disabled] { opacity: 0.55; cursor: not-allowed; }

  .card { background: var(--ph-color-surface); border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius); padding: 1.25rem; box-shadow: var(--ph-shadow); }
  .notice { border-radius: var(--ph-radius-small); padding: 0.75rem 1rem; margin: 0 0 1rem; border-left: 5px solid var(--ph-color-primary); background: var(--ph-color-primary-soft); }
  .notice.warning { border-left-color: var(--ph-color-accent); background: var(--ph-color-warning-soft); color: #4a2d00; }
  .notice.error { border-left-color: var(--ph-color-danger); background: var(--ph-color-danger-soft); color: #5c1014; }
  .notice.success { border-left-color: var(--ph-color-success); background: var(--ph-color-success-soft); color: #0f3d20; }

  .badge { display: inline-block; padding: 0.125rem 0.625rem; border-radius: 999px; font-size: 0.875rem; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
  .badge.ok { background: var(--ph-color-success-soft); color: var(--ph-color-success); border-color: #a9d7b9; }
  .badge.warn { background: var(--ph-color-warning-soft); color: var(--ph-color-warning); border-color: #efcf8f; }
  .badge.danger { background: var(--ph-color-danger-soft); color: var(--ph-color-danger); border-color: #f0b4b4; }
  .badge.neutral { background: #eef1f4; color: var(--ph-color-muted); border-color: var(--ph-color-border); }
`;

/** Labelled fields: every input has a visible label; errors sit under the field. */
export const formStyles = css`
  form { margin: 0; }
  .form-grid { display: grid; gap: 1rem 1.25rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr)); }
  .field { display: flex; flex-direction: column; gap: 0.375rem; min-width: 0; }
  .field.wide { grid-column: 1 / -1; }
  label, .label { font-weight: 600; }
  .hint { font-size: 0.875rem; color: var(--ph-color-muted); }
  input, select, textarea {
    font: inherit; color: inherit; min-height: 2.75rem; padding: 0.5rem 0.75rem; width: 100%;
    border: 1px solid #8a99a8; border-radius: var(--ph-radius-small); background: #fff;
  }
  input[type='checkbox'], input[type='radio'] { width: 1.375rem; min-height: 1.375rem; height: 1.375rem; margin: 0; accent-color: var(--ph-color-primary); }
  .check { display: flex; align-items: center; gap: 0.625rem; min-height: 2.75rem; font-weight: 400; }
  fieldset { border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius); padding: 1rem 1.25rem 1.25rem; margin: 0 0 1rem; min-width: 0; }
  legend { font-weight: 700; padding: 0 0.5rem; }
  .form-actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin-top: 1.25rem; }
  input:disabled, select:disabled { background: #eef1f4; color: var(--ph-color-muted); }
`;

/** Data tables: scroll sideways inside their box on a phone, never the whole page. */
export const tableStyles = css`
  .table-wrap { overflow-x: auto; border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius); background: var(--ph-color-surface); }
  table { width: 100%; border-collapse: collapse; font-size: 0.9375rem; }
  caption { text-align: left; padding: 0.75rem 1rem; font-weight: 700; }
  th, td { padding: 0.625rem 0.875rem; text-align: left; vertical-align: top; border-bottom: 1px solid #e3e8ed; }
  th { background: #f0f3f6; font-weight: 700; white-space: nowrap; }
  tbody tr:last-child td { border-bottom: 0; }
  tbody tr:hover { background: #f8fafb; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  td ul { margin: 0; padding-left: 1.1rem; }
`;
