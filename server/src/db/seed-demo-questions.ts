import type { Knex } from 'knex';
import { resolveLessonRef } from '../domain/questions/question-drafts.js';
import { parseQuestionText } from '../domain/questions/question-text-format.js';
import { searchTextOf } from '../domain/questions/question-validation.js';

/**
 * Demo question bank (Art. 7.1: question and exercise banks): real Toán 6 questions ("Kết nối tri
 * thức với cuộc sống", Chương I–III) across lessons, the four cognitive levels and every type —
 * enough for a 40-question test matrix (16 NB, 12 TH, 8 VD, 4 VDC) — and a few Khoa học tự nhiên 6
 * questions. Written in the bank's own text format, so the demo also shows what teachers type.
 * Lessons are found by subject code + grade + "Bài N" in the lesson's title.
 */
const TOAN_6 = `
Câu 1 [NB] (Bài 1): Cho tập hợp A = {2; 4; 6; 8}. Khẳng định nào sau đây đúng?
A. 3 ∈ A
*B. 4 ∈ A
C. 6 ∉ A
D. 8 ∉ A

Câu 2 [NB] (Bài 1): Tập hợp A = {1; 2; 3} có bao nhiêu phần tử?
A. 1
B. 2
*C. 3
D. 4

Câu 3 [TH] (Bài 1): Tập hợp B = {x ∈ ℕ | x < 5} được viết bằng cách liệt kê các phần tử là
A. {1; 2; 3; 4}
*B. {0; 1; 2; 3; 4}
C. {0; 1; 2; 3; 4; 5}
D. {1; 2; 3; 4; 5}

Câu 4 [TH] [Đúng/Sai] (Bài 1): Cho tập hợp M = {x ∈ ℕ* | x ≤ 3}. Xét tính đúng sai của các khẳng định sau.
a) 0 ∈ M (S)
b) 3 ∈ M (Đ)
c) M có 3 phần tử (Đ)
d) M = {1; 2; 3; 4} (S)

Câu 5 [VD] [Điền số] (Bài 1): Tập hợp C gồm các số tự nhiên lớn hơn 7 và nhỏ hơn 15 có bao nhiêu phần tử?
Đáp án: 7
Lời giải: C = {8; 9; 10; 11; 12; 13; 14} có 7 phần tử.

Câu 6 [NB] (Bài 2): Số La Mã XIV có giá trị là
A. 16
*B. 14
C. 9
D. 19

Câu 7 [NB] (Bài 2): Trong số 3 572, chữ số 5 có giá trị là
A. 5
B. 50
*C. 500
D. 5 000

Câu 8 [TH] [Ghép đôi] (Bài 2): Nối mỗi số La Mã với giá trị của nó.
A. IX -> 9
B. XI -> 11
C. XXIV -> 24
Nhiễu: 26

Câu 9 [TH] [Trả lời ngắn] (Bài 2): Viết số 19 bằng chữ số La Mã.
Đáp án: XIX

Câu 10 [VD] [Điền số] (Bài 2): Có bao nhiêu số tự nhiên có hai chữ số?
Đáp án: 90
Lời giải: Các số từ 10 đến 99, có 99 − 10 + 1 = 90 số.

Câu 11 [NB] (Bài 3): Số liền sau của 999 là
A. 998
*B. 1 000
C. 1 001
D. 990

Câu 12 [NB] [Đúng/Sai] (Bài 3): Số tự nhiên nhỏ nhất là 1.
Đáp án: Sai
Lời giải: Số tự nhiên nhỏ nhất là 0.

Câu 13 [TH] (Bài 3): Số lớn nhất trong các số 2 019; 2 091; 2 109; 2 190 là
A. 2 019
B. 2 091
C. 2 109
*D. 2 190

Câu 14 [VD] [Điền số] (Bài 3): Có bao nhiêu số tự nhiên x thỏa mãn 12 < x ≤ 20?
Đáp án: 8

Câu 15 [NB] (Bài 4): Kết quả của phép tính 125 + 75 là
A. 190
*B. 200
C. 210
D. 100

Câu 16 [TH] (Bài 4): Tính nhanh 37 + 48 + 63 + 52.
A. 190
*B. 200
C. 210
D. 220
Lời giải: (37 + 63) + (48 + 52) = 100 + 100 = 200.

Câu 17 [TH] [Điền số] (Bài 4): Tìm x, biết x − 45 = 55.
Đáp án: 100

Câu 18 [VD] [Điền số] (Bài 4): Bạn An có 50 000 đồng, mua một quyển vở giá 12 000 đồng và một cây bút giá 8 000 đồng. An còn lại bao nhiêu tiền?
Đáp án: 30 000
Đơn vị: đồng

Câu 19 [VD] [Nhiều đáp án] (Bài 4): Những phép tính nào dưới đây có kết quả bằng 100?
*A. 73 + 27
B. 150 − 60
*C. 58 + 42
D. 45 + 65

Câu 20 [NB] (Bài 5): Kết quả của phép tính 25 · 4 là
A. 29
*B. 100
C. 125
D. 1 000

Câu 21 [TH] (Bài 5): Tính nhanh 4 · 37 · 25.
A. 370
*B. 3 700
C. 37 000
D. 1 480

Câu 22 [TH] [Điền số] (Bài 5): Chia 47 cho 5 thì được số dư là bao nhiêu?
Đáp án: 2

Câu 23 [VD] [Điền số] (Bài 5): Một trường có 1 050 học sinh đi tham quan bằng xe 45 chỗ ngồi. Cần ít nhất bao nhiêu xe?
Đáp án: 24
Đơn vị: xe
Lời giải: 1 050 = 45 · 23 + 15 nên 23 xe chưa đủ, cần 24 xe.

Câu 24 [VD] [Đúng/Sai] (Bài 5): Xét tính đúng sai của các khẳng định sau.
a) 25 · 4 = 100 (Đ)
b) 72 : 8 = 8 (S)
c) 13 · 11 = 143 (Đ)
d) 0 : 5 = 5 (S)

Câu 25 [NB] (Bài 6): Lũy thừa 2⁵ có giá trị là
A. 10
B. 25
*C. 32
D. 7

Câu 26 [NB] (Bài 6): Viết gọn tích 3 · 3 · 3 · 3 dưới dạng lũy thừa.
A. 3³
*B. 3⁴
C. 4³
D. 12

Câu 27 [TH] (Bài 6): Kết quả của phép tính 5³ · 5² viết dưới dạng một lũy thừa là
A. 5⁶
*B. 5⁵
C. 25⁵
D. 10⁵

Câu 28 [TH] [Trả lời ngắn] (Bài 6): Viết kết quả của phép tính 7⁹ : 7⁴ dưới dạng một lũy thừa (có thể gõ 7^5).
Đáp án: 7⁵ | 7^5

Câu 29 [VD] [Điền số] (Bài 6): Tìm số tự nhiên n, biết 2ⁿ = 64.
Đáp án: 6

Câu 30 [VDC] (Bài 6): So sánh 2³⁰⁰ và 3²⁰⁰.
*A. 2³⁰⁰ < 3²⁰⁰
B. 2³⁰⁰ > 3²⁰⁰
C. 2³⁰⁰ = 3²⁰⁰
D. Không so sánh được
Lời giải: 2³⁰⁰ = 8¹⁰⁰ và 3²⁰⁰ = 9¹⁰⁰, mà 8¹⁰⁰ < 9¹⁰⁰.

Câu 31 [NB] (Bài 7): Với biểu thức không có dấu ngoặc chỉ gồm các phép cộng, trừ, nhân, chia, ta thực hiện
*A. nhân và chia trước, cộng và trừ sau
B. cộng và trừ trước, nhân và chia sau
C. từ phải sang trái
D. phép nào trước cũng được

Câu 32 [TH] (Bài 7): Giá trị của biểu thức 20 − 4 · 3 là
A. 48
*B. 8
C. 12
D. 52

Câu 33 [TH] [Điền số] (Bài 7): Tính 2 · 3² − 10 : 5.
Đáp án: 16

Câu 34 [VD] [Điền số] (Bài 7): Tính 80 − [130 − (12 − 4)²].
Đáp án: 14
Lời giải: (12 − 4)² = 64; 130 − 64 = 66; 80 − 66 = 14.

Câu 35 [VD] (Bài 7): Giá trị của biểu thức 36 : 4 · 3 + 2 là
A. 5
*B. 29
C. 11
D. 36

Câu 36 [VDC] [Tự luận] (Bài 7) [2 điểm]: Tính tổng S = 1 + 2 + 3 + … + 100 và trình bày cách tính.
Hướng dẫn chấm: Ghép cặp (1 + 100) + (2 + 99) + … có 50 cặp, mỗi cặp bằng 101 (1 điểm). S = 50 · 101 = 5 050 (1 điểm).

Câu 37 [VD] [Điền số] (Mục 8): Mẹ mua 3 kg táo giá 45 000 đồng/kg và 2 kg cam giá 30 000 đồng/kg. Mẹ phải trả bao nhiêu tiền?
Đáp án: 195 000
Đơn vị: đồng

Câu 38 [NB] (Bài 8): Trong các số sau, số nào là ước của 12?
A. 5
*B. 6
C. 8
D. 24

Câu 39 [NB] (Bài 8): Tập hợp các bội của 4 nhỏ hơn 20 là
*A. {0; 4; 8; 12; 16}
B. {4; 8; 12; 16}
C. {0; 4; 8; 12; 16; 20}
D. {1; 2; 4}

Câu 40 [TH] [Đúng/Sai] (Bài 8): Không tính tổng, xét tính đúng sai của các khẳng định sau.
a) 15 + 20 chia hết cho 5 (Đ)
b) 12 + 17 chia hết cho 3 (S)
c) 14 + 21 chia hết cho 7 (Đ)

Câu 41 [TH] [Nhiều đáp án] (Bài 8): Những số nào dưới đây là ước của 18?
*A. 1
*B. 6
C. 12
*D. 9

Câu 42 [VD] [Điền số] (Bài 8): Có bao nhiêu bội của 7 trong khoảng từ 1 đến 50?
Đáp án: 7

Câu 43 [NB] (Bài 9): Số nào sau đây chia hết cho cả 2 và 5?
A. 125
B. 232
*C. 370
D. 515

Câu 44 [NB] (Bài 9): Số nào sau đây chia hết cho 9?
A. 123
*B. 729
C. 415
D. 1 001

Câu 45 [TH] [Nhiều đáp án] (Bài 9): Chữ số nào điền vào dấu * để số 4*5 chia hết cho 9?
*A. 0
B. 3
C. 6
*D. 9

Câu 46 [TH] [Trả lời ngắn] (Bài 9): Số chia hết cho cả 2 và 5 thì có chữ số tận cùng là chữ số nào?
Đáp án: 0 | không | chữ số 0

Câu 47 [VD] [Điền số] (Bài 9): Có bao nhiêu số có hai chữ số chia hết cho cả 2 và 5?
Đáp án: 9

Câu 48 [VDC] [Nhiều đáp án] (Bài 9): Số 10²⁰²⁵ + 8 chia hết cho những số nào dưới đây?
*A. 2
*B. 9
C. 5
D. 10
Lời giải: Số có chữ số tận cùng là 8 nên chia hết cho 2; tổng các chữ số là 1 + 8 = 9 nên chia hết cho 9.

Câu 49 [NB] (Bài 10): Số nào sau đây là số nguyên tố?
A. 1
B. 9
*C. 13
D. 21

Câu 50 [NB] [Đúng/Sai] (Bài 10): Số 2 là số nguyên tố chẵn duy nhất.
Đáp án: Đúng

Câu 51 [TH] (Bài 10): Phân tích số 60 ra thừa số nguyên tố ta được
*A. 2² · 3 · 5
B. 2 · 3 · 10
C. 4 · 3 · 5
D. 2² · 15

Câu 52 [TH] [Ghép đôi] (Bài 10): Nối mỗi số với dạng phân tích ra thừa số nguyên tố của nó.
A. 12 -> 2² · 3
B. 18 -> 2 · 3²
C. 20 -> 2² · 5
D. 30 -> 2 · 3 · 5
Nhiễu: 2³ · 3

Câu 53 [VD] [Điền số] (Bài 10): Tổng các số nguyên tố nhỏ hơn 10 bằng bao nhiêu?
Đáp án: 17

Câu 54 [VDC] [Tự luận] (Bài 10) [2 điểm]: Chứng minh rằng nếu p là số nguyên tố lớn hơn 3 thì p² − 1 chia hết cho 3.
Hướng dẫn chấm: p không chia hết cho 3 nên p = 3k + 1 hoặc p = 3k + 2 (1 điểm). Trong cả hai trường hợp p² − 1 = (p − 1)(p + 1) có một thừa số chia hết cho 3 (1 điểm).

Câu 55 [NB] (Bài 11): ƯCLN(12, 18) bằng
A. 3
*B. 6
C. 36
D. 2

Câu 56 [TH] (Bài 11): Tập hợp ƯC(16, 24) là
*A. {1; 2; 4; 8}
B. {1; 2; 4; 8; 16}
C. {8}
D. {2; 4; 8}

Câu 57 [VD] [Điền số] (Bài 11): Cô giáo có 24 quyển vở và 36 chiếc bút, muốn chia đều thành các phần thưởng như nhau gồm cả vở và bút. Có thể chia được nhiều nhất bao nhiêu phần thưởng?
Đáp án: 12

Câu 58 [VDC] [Điền số] (Bài 11): Một mảnh vườn hình chữ nhật dài 112 m, rộng 40 m được chia thành các ô vuông bằng nhau có cạnh lớn nhất (không thừa đất). Chia được bao nhiêu ô vuông?
Đáp án: 70
Lời giải: Cạnh ô vuông là ƯCLN(112, 40) = 8 m; số ô là (112 : 8) · (40 : 8) = 14 · 5 = 70.

Câu 59 [NB] (Bài 12): BCNN(4, 6) bằng
A. 24
*B. 12
C. 2
D. 6

Câu 60 [TH] (Bài 12): Tập hợp các bội chung của 4 và 6 nhỏ hơn 40 là
*A. {0; 12; 24; 36}
B. {12; 24; 36}
C. {0; 12; 24}
D. {12; 24; 36; 48}

Câu 61 [VD] [Điền số] (Bài 12): Hai bạn An và Bình cùng trực nhật hôm nay. An cứ 10 ngày trực một lần, Bình cứ 12 ngày trực một lần. Sau ít nhất bao nhiêu ngày nữa hai bạn lại cùng trực nhật?
Đáp án: 60
Đơn vị: ngày

Câu 62 [VDC] [Điền số] (Bài 12): Số học sinh của một trường trong khoảng từ 300 đến 400. Khi xếp hàng 12, hàng 15, hàng 18 đều vừa đủ. Trường có bao nhiêu học sinh?
Đáp án: 360
Lời giải: BCNN(12, 15, 18) = 180; bội của 180 trong khoảng 300 đến 400 là 360.

Câu 63 [NB] (Bài 13): Số đối của −7 là
*A. 7
B. −7
C. 0
D. 1/7

Câu 64 [NB] (Bài 13): Nhiệt độ 5 độ dưới 0 °C được viết là
A. 5 °C
*B. −5 °C
C. 0 °C
D. −50 °C

Câu 65 [TH] [Đúng/Sai] (Bài 13): Xét tính đúng sai của các khẳng định sau.
a) −3 ∈ ℕ (S)
b) −3 ∈ ℤ (Đ)
c) 0 ∈ ℤ (Đ)
d) −5 > −2 (S)

Câu 66 [TH] (Bài 13): Số lớn nhất trong các số −12; −5; 0; −1 là
A. −12
B. −5
*C. 0
D. −1

Câu 67 [VD] [Điền số] (Bài 13): Có bao nhiêu số nguyên x thỏa mãn −3 < x < 4?
Đáp án: 6

Câu 68 [TH] [Trả lời ngắn] [Bỏ dấu] (Bài 13): Trên trục số nằm ngang, các số nguyên âm nằm ở bên nào của điểm 0?
Đáp án: bên trái | trái | phía bên trái

Câu 69 [VDC] [Điền số] (Bài 13) [0,5 điểm]: Một thợ lặn đang ở độ sâu 12 m dưới mực nước biển, lặn sâu thêm 5 m rồi nổi lên 9 m. Độ cao mới của thợ lặn so với mực nước biển là bao nhiêu mét (số âm nếu ở dưới mực nước biển)?
Đáp án: −8
Đơn vị: m
`;

const KHTN_6 = `
Câu 1 [NB] (Bài 5): Đơn vị đo chiều dài trong hệ đơn vị đo lường chính thức của Việt Nam là
*A. mét (m)
B. kilôgam (kg)
C. giây (s)
D. độ C (°C)

Câu 2 [NB] (Bài 6): Dụng cụ dùng để đo khối lượng là
*A. cân
B. thước
C. đồng hồ
D. nhiệt kế

Câu 3 [TH] [Điền số] (Bài 8): Ở áp suất tiêu chuẩn, nước tinh khiết sôi ở bao nhiêu độ C?
Đáp án: 100
Đơn vị: °C

Câu 4 [TH] [Đúng/Sai] (Bài 10): Xét tính đúng sai của các khẳng định sau.
a) Nước đá tan thành nước lỏng là sự nóng chảy. (Đ)
b) Hơi nước chuyển thành nước lỏng là sự bay hơi. (S)

Câu 5 [VD] [Điền số] (Bài 11): Oxygen chiếm khoảng bao nhiêu phần trăm thể tích không khí?
Đáp án: 21 ± 1
Đơn vị: %

Câu 6 [NB] [Ghép đôi]: Nối mỗi dụng cụ đo với đại lượng cần đo.
A. Thước -> chiều dài
B. Cân -> khối lượng
C. Đồng hồ -> thời gian
D. Nhiệt kế -> nhiệt độ
`;

export const DEMO_QUESTION_TEXTS: { subjectCode: string; grade: number; text: string }[] = [
  { subjectCode: 'TOAN', grade: 6, text: TOAN_6 },
  { subjectCode: 'KHTN', grade: 6, text: KHTN_6 },
];

/** Inserts the demo questions inside the demo seeding transaction. Returns how many. */
export async function seedDemoQuestions(trx: Knex, subjectIds: ReadonlyMap<string, number>, at: string): Promise<number> {
  let count = 0;
  for (const bank of DEMO_QUESTION_TEXTS) {
    const subjectId = subjectIds.get(bank.subjectCode);
    if (subjectId === undefined) continue;
    const lessons = (await trx('curriculum_lessons').where({ subject_id: subjectId, grade: bank.grade }).select('id', 'position', 'title'))
      .map((l: { id: unknown; position: unknown; title: string }) => ({ id: Number(l.id), position: Number(l.position), title: l.title }));
    const group = await trx('subjects as s').join('subject_groups as g', 'g.id', 's.subject_group_id').where('s.id', subjectId).first('g.leader_id');
    const authorId = group?.leader_id === null || group?.leader_id === undefined ? null : Number(group.leader_id);
    const parsed = parseQuestionText(bank.text);
    const rows = parsed.drafts.map((d) => {
      if (!d.content || d.errors.length) throw new Error(`demo question ${bank.subjectCode} ${d.label}: ${d.errors.map((e) => e.code).join(', ')}`);
      const lessonId = d.lessonRef ? resolveLessonRef(lessons, d.lessonRef) : null;
      return {
        subject_id: subjectId, grade: bank.grade, curriculum_lesson_id: lessonId, level: d.level ?? 'nhan_biet', type: d.content.type, stem: d.stem,
        body: JSON.stringify(d.content.body), search_text: searchTextOf(d.stem, d.content), points: d.points, author_id: authorId, created_at: at, updated_at: at,
      };
    });
    for (let i = 0; i < rows.length; i += 50) await trx('questions').insert(rows.slice(i, i + 50));
    count += rows.length;
  }
  return count;
}
