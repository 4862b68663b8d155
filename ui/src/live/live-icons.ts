/**
 * Line icons of the live lesson (24×24, stroke = currentColor), drawn here so the kiosk needs no
 * icon font nor an emoji font (the appliance ships none). Decorative: every button has text too.
 */
import { svg, type SVGTemplateResult } from 'lit';

const wrap = (body: SVGTemplateResult) => svg`<svg class="icon" viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;
const slash = svg`<path d="M3 3l18 18" />`;

const micBody = svg`<rect x="9" y="3" width="6" height="11" rx="3" /><path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M8.5 21h7" />`;
const camBody = svg`<rect x="2.5" y="6.5" width="13" height="11" rx="2" /><path d="M15.5 10.5l6-3.5v10l-6-3.5z" />`;

export const icons = {
  mic: wrap(micBody),
  micOff: wrap(svg`${micBody}${slash}`),
  camera: wrap(camBody),
  cameraOff: wrap(svg`${camBody}${slash}`),
  screen: wrap(svg`<rect x="2.5" y="4" width="19" height="13" rx="2" /><path d="M8 21h8M12 17v4M12 14V8M9 10.5L12 7.5l3 3" />`),
  roomCamera: wrap(svg`<circle cx="12" cy="9.5" r="6" /><circle cx="12" cy="9.5" r="2.2" /><path d="M7.5 21h9M12 15.5V21" />`),
  record: wrap(svg`<circle cx="12" cy="12" r="8.5" /><circle cx="12" cy="12" r="3.5" fill="currentColor" />`),
  muteAll: wrap(svg`<path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4z" /><path d="M16 9.5l5 5M21 9.5l-5 5" />`),
  speaker: wrap(svg`<path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4z" /><path d="M15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11" />`),
  lock: wrap(svg`<rect x="5" y="10.5" width="14" height="10" rx="2" /><path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />`),
  unlock: wrap(svg`<rect x="5" y="10.5" width="14" height="10" rx="2" /><path d="M8 10.5V7.5a4 4 0 0 1 7.6-1.7" />`),
  end: wrap(svg`<path d="M14 4h4.5a1.5 1.5 0 0 1 1.5 1.5v13a1.5 1.5 0 0 1-1.5 1.5H14M10 16.5L5.5 12 10 7.5M5.5 12H15" />`),
  hand: wrap(svg`<path d="M8 12.5V5.5a1.5 1.5 0 0 1 3 0V11M11 10.5V4a1.5 1.5 0 0 1 3 0v6.5M14 10.5V5.5a1.5 1.5 0 0 1 3 0V14a7 7 0 0 1-7 7h-.5a6 6 0 0 1-4.6-2.2L3.6 15a1.6 1.6 0 0 1 2.4-2.1L8 15" />`),
  chat: wrap(svg`<path d="M4 5.5h16v10H9.5L5 19.5v-4H4z" />`),
  question: wrap(svg`<circle cx="12" cy="12" r="9" /><path d="M9.5 9.5a2.6 2.6 0 1 1 3.6 2.4c-.7.3-1.1.9-1.1 1.6v.5M12 17.2v.1" />`),
  poll: wrap(svg`<path d="M5 20V11M12 20V5M19 20v-6M3 20.5h18" />`),
  people: wrap(svg`<circle cx="9" cy="8" r="3.5" /><path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.8a3.5 3.5 0 0 1 0 6.4M18.5 14.5a6.5 6.5 0 0 1 3 5.5" />`),
  star: wrap(svg`<path d="M12 3.5l2.6 5.4 5.9.8-4.3 4.1 1 5.8L12 16.8l-5.2 2.8 1-5.8-4.3-4.1 5.9-.8z" />`),
  close: wrap(svg`<path d="M6 6l12 12M18 6L6 18" />`),
  check: wrap(svg`<path d="M4.5 12.5l5 5 10-11" />`),
  send: wrap(svg`<path d="M4 12l16-7.5-5.5 16-3-6.5z" /><path d="M11.5 14L20 4.5" />`),
  react: wrap(svg`<circle cx="12" cy="12" r="9" /><path d="M8.5 14.5a4.5 4.5 0 0 0 7 0M9 9.5v.1M15 9.5v.1" />`),
  // Reactions: drawn, coloured by the stylesheet.
  like: wrap(svg`<path d="M7.5 10.5v9.5H4v-9.5zM7.5 10.5L11 3.8a2 2 0 0 1 3.3 1.9l-.9 4.8h5.1a2 2 0 0 1 2 2.4l-1.3 5.6a2 2 0 0 1-2 1.5H7.5" />`),
  clap: wrap(svg`<path d="M9 12.5L5.6 9a1.5 1.5 0 0 1 2.1-2.1l4 4M8.6 8.4L7.4 7.2a1.5 1.5 0 0 1 2.1-2.1l4.6 4.6M12 7.5a1.5 1.5 0 0 1 2.1-2.1l4 4a6.5 6.5 0 0 1-9.2 9.2L5 14.8a1.5 1.5 0 0 1 2.1-2.1L9 14.5M17 3l1-1.5M20 5.5l1.5-.5M14 2.5V1" />`),
  heart: wrap(svg`<path d="M12 20s-7.5-4.6-7.5-10.1A4.2 4.2 0 0 1 12 7.2a4.2 4.2 0 0 1 7.5 2.7C19.5 15.4 12 20 12 20z" />`),
  laugh: wrap(svg`<circle cx="12" cy="12" r="9" /><path d="M7.5 13h9a4.5 4.5 0 0 1-9 0zM8 9.5l1.5-1 1.5 1M13 9.5l1.5-1 1.5 1" />`),
  wow: wrap(svg`<circle cx="12" cy="12" r="9" /><circle cx="12" cy="15.5" r="2" /><path d="M9 9.5v.1M15 9.5v.1" />`),
};

export type IconName = keyof typeof icons;

export const REACTIONS = ['like', 'clap', 'heart', 'laugh', 'wow'] as const;
export type ReactionName = (typeof REACTIONS)[number];

export function isReaction(r: string): r is ReactionName {
  return (REACTIONS as readonly string[]).includes(r);
}
