import path from 'node:path';
import { checkH5pCore } from '../../../provisioning/src/h5p-core.js';

/** Whether the H5P core and editor client files are installed (they are not on npm; Art. 9.3). */
export interface H5pEditorStatus {
  available: boolean;
  dir: string;
  core: boolean;
  editor: boolean;
  coreApi: string | null;
  missing: string[];
}

/**
 * Where the image installed them: `PHONGHOC_H5P_CORE_DIR` (the server image copies
 * provisioning/h5p-core/ to /opt/phonghoc/h5p), otherwise `<dataDir>/h5p` (core/ and editor/ put
 * there by hand). The check is the one the image build runs (provisioning/src/h5p-core.ts).
 */
export function h5pEditorStatus(dataDir: string, coreDir: string | undefined): H5pEditorStatus {
  const dir = coreDir ?? path.join(dataDir, 'h5p');
  const s = checkH5pCore(dir);
  return { available: s.editor, dir: s.dir, core: s.core, editor: s.editor, coreApi: s.coreApi, missing: s.missing };
}
