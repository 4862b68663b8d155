import t from 'tap';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { buildQuickCheckPackage } from '../../server/src/data/h5p-quickcheck.js';
import { DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

/**
 * H5P embedded in a lesson page (Art. 9.3): a student may play the content once the page is
 * published for their grade, not before, and not for another grade's page.
 */
function multipart(fileName: string, data: Buffer) {
  const boundary = '----phonghoc' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/zip\r\n\r\n`);
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

for (const dialect of dialects()) {
  t.test(`H5P embedded in a published lesson page (${dialect})`, async (t) => {
    const { login, demo, database } = await buildTestApp(t, dialect, { demo: 'small' });
    const knex = database.db.knex;
    const math = (await knex('subjects').where({ code: 'TOAN' }).first('id')).id as number;
    const leader = demo!.subjectGroups.find((g) => g.subjectCodes.includes('TOAN'))!.leaderPersonalId;
    const teacher = await login(DEMO_TEACHER_ID);
    const student = await login(DEMO_STUDENT_ID); // grade 6
    const student7 = await login(demo!.students.find((s) => s.grade === 7)!.personalId);
    const post = (c: Client, url: string, payload: unknown = {}) => c.request({ method: 'POST', url, payload: payload as object });

    const pkg = await buildQuickCheckPackage({ title: 'Ôn tập phân số', question: '1/2 bằng phân số nào?', options: [{ text: '2/4', correct: true }, { text: '2/3', correct: false }] });
    const m = multipart('on-tap.h5p', pkg);
    const up = await teacher.request({ method: 'POST', url: '/api/h5p/contents', payload: m.payload, headers: m.headers });
    t.equal(up.statusCode, 200, up.body);
    const contentId = (up.json() as { id: number }).id;
    const playable = async (c: Client) => (await c.request({ url: `/api/h5p/contents/${contentId}` })).statusCode;
    t.not(await playable(student), 200, 'not assigned, not embedded in anything published: the student cannot open it');

    const page = `<h2>Ôn tập</h2><p>Làm bài sau:</p><ph-h5p-player content-id="${contentId}"></ph-h5p-player>`;
    const created = await post(teacher, '/api/materials', { subjectId: math, grade: 6, kind: 'exercise_bank', contentType: 'page', title: 'Ôn tập phân số', description: '', author: 'Nguyễn Kim Linh', source: 'Tổ Toán', licence: 'CC BY 4.0', pageHtml: page });
    t.equal(created.statusCode, 200, created.body);
    const { id, versionId } = created.json() as { id: number; versionId: number };
    t.equal((await post(teacher, `/api/materials/${id}/versions/${versionId}/submit`)).statusCode, 200);
    t.not(await playable(student), 200, 'submitted but not approved: still not');
    t.equal((await post(await login(leader), `/api/materials/${id}/versions/${versionId}/pass`)).statusCode, 200);
    t.equal((await post(await login(DEMO_PRINCIPAL_ID), `/api/materials/${id}/versions/${versionId}/approve`)).statusCode, 200);

    t.equal(await playable(student), 200, 'published for grade 6: the grade-6 student plays the embedded content');
    t.equal((await student.request({ url: `/api/h5p/contents/${contentId}/files/content.json` })).statusCode, 200, 'and its files');
    t.not(await playable(student7), 200, 'a grade-7 student still cannot');
  });
}
