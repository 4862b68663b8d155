import { PhElement } from './ph-element.js';
import { isApiError } from '../api/client.js';
import { notifyError } from '../state/notify.js';

/**
 * A page that shows one thing fetched by the id in its route (/…/:id): `data` once loaded, or the
 * server's bilingual refusal in `failed`.
 */
export abstract class LoadedPage<T> extends PhElement {
  static override properties = { params: { attribute: false }, data: { state: true }, failed: { state: true } };
  declare params: { id?: string };
  declare data: T | null;
  declare failed: { vi: string; en: string } | null;

  constructor() {
    super();
    this.params = {};
    this.data = null;
    this.failed = null;
  }

  protected abstract fetch(id: number): Promise<T>;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected async load(): Promise<void> {
    try {
      this.data = await this.fetch(Number(this.params.id));
    } catch (e) {
      if (isApiError(e)) this.failed = e.text;
      notifyError(e);
    }
  }
}
