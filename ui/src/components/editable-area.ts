import { PhElement } from './ph-element.js';

/**
 * The part every rich-text editor of the app shares: a contenteditable `.area` in the element's
 * own template whose HTML is `value` (the server sanitizes it). A value set before the first
 * render is kept and put in once the area exists; an empty text starts with a paragraph, so the
 * first line typed is one.
 */
export abstract class EditableArea extends PhElement {
  private initial = '';

  get value(): string {
    return this.area?.innerHTML ?? this.initial;
  }

  set value(html: string) {
    this.initial = html;
    if (this.area) this.area.innerHTML = html || '<p><br></p>';
  }

  protected get area(): HTMLDivElement | null {
    return this.renderRoot?.querySelector?.('.area') ?? null;
  }

  override firstUpdated(): void {
    if (this.area) this.area.innerHTML = this.initial || '<p><br></p>';
  }
}
