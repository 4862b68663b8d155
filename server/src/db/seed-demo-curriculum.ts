import type { Knex } from 'knex';

/**
 * Demo curriculum (Art. 4.1): a sample of the 2018 general-education programme (Chương trình GDPT
 * 2018) for the demo THCS school, following the "Kết nối tri thức với cuộc sống" textbooks (and
 * "Global Success" for English): real chapter and lesson titles with their required outcomes
 * (yêu cầu cần đạt). Other modules find a lesson by subject code + grade + position.
 */

/** [chapter, title, periods, outcomes] */
type Row = [string | null, string, number, string[]];

const TOAN_6: Row[] = [
  ['Chương I. Tập hợp các số tự nhiên', 'Bài 1. Tập hợp', 1, [
    'Nhận biết được tập hợp và các phần tử của tập hợp.',
    'Sử dụng được các kí hiệu ∈, ∉ và mô tả tập hợp bằng cách liệt kê phần tử hoặc chỉ ra tính chất đặc trưng.']],
  ['Chương I. Tập hợp các số tự nhiên', 'Bài 2. Cách ghi số tự nhiên', 1, [
    'Đọc và viết được số tự nhiên trong hệ thập phân.',
    'Nhận biết được giá trị các chữ số trong một số tự nhiên theo vị trí của nó.',
    'Đọc và viết được các số La Mã từ 1 đến 30.']],
  ['Chương I. Tập hợp các số tự nhiên', 'Bài 3. Thứ tự trong tập hợp các số tự nhiên', 1, [
    'Nhận biết được thứ tự của các số tự nhiên và biểu diễn số tự nhiên trên tia số.',
    'So sánh được hai số tự nhiên cho trước.']],
  ['Chương I. Tập hợp các số tự nhiên', 'Bài 4. Phép cộng và phép trừ số tự nhiên', 2, [
    'Thực hiện được phép cộng, phép trừ trong tập hợp số tự nhiên.',
    'Vận dụng được tính chất giao hoán, kết hợp của phép cộng để tính nhẩm, tính nhanh một cách hợp lí.']],
  ['Chương I. Tập hợp các số tự nhiên', 'Bài 5. Phép nhân và phép chia số tự nhiên', 2, [
    'Thực hiện được phép nhân và phép chia (chia hết, chia có dư) trong tập hợp số tự nhiên.',
    'Vận dụng được tính chất phân phối của phép nhân đối với phép cộng trong tính toán.',
    'Giải quyết được những vấn đề thực tiễn gắn với các phép tính về số tự nhiên (ví dụ: tính tiền mua sắm).']],
  ['Chương I. Tập hợp các số tự nhiên', 'Bài 6. Lũy thừa với số mũ tự nhiên', 2, [
    'Thực hiện được phép tính lũy thừa với số mũ tự nhiên.',
    'Thực hiện được phép nhân và phép chia hai lũy thừa cùng cơ số với số mũ tự nhiên.']],
  ['Chương I. Tập hợp các số tự nhiên', 'Bài 7. Thứ tự thực hiện các phép tính', 1, [
    'Nhận biết được thứ tự thực hiện các phép tính trong biểu thức có và không có dấu ngoặc.',
    'Tính được giá trị của biểu thức số đơn giản.']],
  ['Chương I. Tập hợp các số tự nhiên', 'Luyện tập chung', 2, [
    'Vận dụng tổng hợp các phép tính với số tự nhiên để giải bài tập và bài toán thực tế.']],
  ['Chương II. Tính chia hết trong tập hợp các số tự nhiên', 'Bài 8. Quan hệ chia hết và tính chất', 2, [
    'Nhận biết được quan hệ chia hết, khái niệm ước và bội.',
    'Vận dụng được tính chất chia hết của một tổng.']],
  ['Chương II. Tính chia hết trong tập hợp các số tự nhiên', 'Bài 9. Dấu hiệu chia hết', 2, [
    'Vận dụng được dấu hiệu chia hết cho 2, 5, 9, 3 để xác định một số đã cho có chia hết cho 2, 5, 9, 3 hay không.']],
  ['Chương II. Tính chia hết trong tập hợp các số tự nhiên', 'Bài 10. Số nguyên tố', 2, [
    'Nhận biết được khái niệm số nguyên tố, hợp số.',
    'Thực hiện được việc phân tích một số tự nhiên lớn hơn 1 thành tích của các thừa số nguyên tố trong những trường hợp đơn giản.']],
  ['Chương II. Tính chia hết trong tập hợp các số tự nhiên', 'Bài 11. Ước chung. Ước chung lớn nhất', 2, [
    'Xác định được ước chung, ước chung lớn nhất của hai hoặc ba số.',
    'Nhận biết được phân số tối giản; rút gọn được phân số về phân số tối giản bằng ƯCLN.',
    'Giải quyết được bài toán thực tế đơn giản liên quan đến ước chung (ví dụ: chia đều đồ vật vào các túi).']],
  ['Chương II. Tính chia hết trong tập hợp các số tự nhiên', 'Bài 12. Bội chung. Bội chung nhỏ nhất', 2, [
    'Xác định được bội chung, bội chung nhỏ nhất của hai hoặc ba số.',
    'Vận dụng BCNN để quy đồng mẫu các phân số và giải bài toán thực tế (ví dụ: lịch trực, lịch xe buýt).']],
  ['Chương III. Số nguyên', 'Bài 13. Tập hợp các số nguyên', 2, [
    'Nhận biết được số nguyên âm, tập hợp các số nguyên và số đối của một số nguyên.',
    'Biểu diễn được số nguyên trên trục số; so sánh được hai số nguyên.',
    'Nhận biết được ý nghĩa của số nguyên âm trong thực tiễn (nhiệt độ dưới 0 °C, độ cao dưới mực nước biển).']],
];

const NGU_VAN_6: Row[] = [
  ['Bài 1. Tôi và các bạn', 'Đọc: Bài học đường đời đầu tiên (Tô Hoài)', 3, [
    'Nhận biết được các chi tiết tiêu biểu, nhân vật, đề tài, cốt truyện, lời người kể chuyện và lời nhân vật.',
    'Nhận biết được người kể chuyện ngôi thứ nhất.',
    'Nêu được bài học về cách nghĩ và cách ứng xử của cá nhân do văn bản gợi ra.']],
  ['Bài 1. Tôi và các bạn', 'Đọc: Nếu cậu muốn có một người bạn… (Ăng-toan đơ Xanh-tơ Ê-xu-pe-ri)', 2, [
    'Tóm tắt được văn bản một cách ngắn gọn.',
    'Nhận biết được tình cảm, cảm xúc của nhân vật qua lời kể của người kể chuyện.']],
  ['Bài 1. Tôi và các bạn', 'Đọc: Bắt nạt (Nguyễn Thế Hoàng Linh)', 1, [
    'Nhận biết được đặc điểm của thơ và thông điệp bài thơ gửi đến người đọc.',
    'Có thái độ đúng đắn trước hành vi bắt nạt trong trường học.']],
  ['Bài 1. Tôi và các bạn', 'Thực hành tiếng Việt: Từ đơn và từ phức', 1, [
    'Nhận biết được từ đơn và từ phức (từ ghép và từ láy).',
    'Hiểu được tác dụng của việc sử dụng từ láy trong văn bản.']],
  ['Bài 1. Tôi và các bạn', 'Viết: Viết bài văn kể lại một trải nghiệm của bản thân', 3, [
    'Viết được bài văn kể lại một trải nghiệm của bản thân, dùng người kể chuyện ngôi thứ nhất.',
    'Chia sẻ được trải nghiệm và thể hiện cảm xúc trước sự việc được kể.']],
  ['Bài 1. Tôi và các bạn', 'Nói và nghe: Kể lại một trải nghiệm của bản thân', 1, [
    'Kể được một trải nghiệm đáng nhớ của bản thân, nói rõ ràng, có cảm xúc.',
    'Biết lắng nghe và nhận xét phần trình bày của bạn.']],
  ['Bài 2. Gõ cửa trái tim', 'Đọc: Chuyện cổ tích về loài người (Xuân Quỳnh)', 2, [
    'Nhận biết được số tiếng, số dòng, vần, nhịp của bài thơ.',
    'Nhận biết được tác dụng của các yếu tố tự sự và miêu tả trong thơ.',
    'Nhận biết được tình cảm, cảm xúc của người viết thể hiện qua ngôn ngữ văn bản.']],
  ['Bài 2. Gõ cửa trái tim', 'Đọc: Mây và sóng (R. Ta-go)', 2, [
    'Nhận biết được hình ảnh, biện pháp tu từ và tình cảm mẹ con trong bài thơ.',
    'Trân trọng tình yêu thương giữa mẹ và con.']],
  ['Bài 2. Gõ cửa trái tim', 'Thực hành tiếng Việt: Biện pháp tu từ ẩn dụ', 1, [
    'Nhận biết được biện pháp tu từ ẩn dụ và tác dụng của nó trong văn bản.']],
  ['Bài 2. Gõ cửa trái tim', 'Viết: Viết đoạn văn ghi lại cảm xúc về một bài thơ có yếu tố tự sự, miêu tả', 2, [
    'Viết được đoạn văn ghi lại cảm xúc về một bài thơ có yếu tố tự sự và miêu tả.',
    'Trình bày được cảm xúc về nội dung và nghệ thuật của bài thơ.']],
  ['Bài 3. Yêu thương và chia sẻ', 'Đọc: Cô bé bán diêm (H. C. An-đéc-xen)', 2, [
    'Nhận biết được chi tiết tiêu biểu, nhân vật, cốt truyện và người kể chuyện ngôi thứ ba.',
    'Nêu được cảm nhận về số phận nhân vật và thông điệp yêu thương của truyện.']],
  ['Bài 3. Yêu thương và chia sẻ', 'Đọc: Gió lạnh đầu mùa (Thạch Lam)', 2, [
    'Nhận biết được đặc điểm nhân vật thể hiện qua hình dáng, cử chỉ, hành động, ngôn ngữ, ý nghĩ.',
    'Nêu được bài học về cách nghĩ, cách ứng xử: biết chia sẻ với người có hoàn cảnh khó khăn.']],
];

const KHTN_6: Row[] = [
  ['Mở đầu', 'Bài 1. Giới thiệu về Khoa học tự nhiên', 2, [
    'Nêu được khái niệm Khoa học tự nhiên.',
    'Trình bày được vai trò của Khoa học tự nhiên trong cuộc sống.',
    'Phân biệt được các lĩnh vực Khoa học tự nhiên dựa vào đối tượng nghiên cứu.']],
  ['Mở đầu', 'Bài 2. An toàn trong phòng thực hành', 2, [
    'Trình bày được cách sử dụng một số dụng cụ đo thông thường khi học tập môn Khoa học tự nhiên.',
    'Biết cách sử dụng kính lúp và kính hiển vi quang học.',
    'Nêu được các quy định an toàn khi học trong phòng thực hành và phân biệt được các kí hiệu cảnh báo.']],
  ['Mở đầu', 'Bài 3. Sử dụng kính lúp', 1, [
    'Nêu được cấu tạo và cách sử dụng kính lúp.',
    'Quan sát được vật nhỏ bằng kính lúp.']],
  ['Mở đầu', 'Bài 4. Sử dụng kính hiển vi quang học', 2, [
    'Nêu được cấu tạo và công dụng các bộ phận của kính hiển vi quang học.',
    'Thực hiện đúng các bước sử dụng và bảo quản kính hiển vi quang học.']],
  ['Mở đầu', 'Bài 5. Đo chiều dài', 2, [
    'Lấy được ví dụ chứng tỏ giác quan của chúng ta có thể cảm nhận sai về chiều dài.',
    'Nêu được cách đo, đơn vị đo và dụng cụ thường dùng để đo chiều dài.',
    'Dùng thước để chỉ ra một số thao tác sai khi đo và nêu được cách khắc phục.']],
  ['Mở đầu', 'Bài 6. Đo khối lượng', 2, [
    'Nêu được cách đo, đơn vị đo và dụng cụ thường dùng để đo khối lượng.',
    'Đo được khối lượng của một vật bằng cân, thực hiện đúng thao tác.']],
  ['Mở đầu', 'Bài 7. Đo thời gian', 2, [
    'Nêu được cách đo, đơn vị đo và dụng cụ thường dùng để đo thời gian.',
    'Đo được thời gian bằng đồng hồ, thực hiện đúng thao tác.']],
  ['Mở đầu', 'Bài 8. Đo nhiệt độ', 2, [
    'Phát biểu được: nhiệt độ là số đo độ "nóng", "lạnh" của vật.',
    'Nêu được cách xác định nhiệt độ trong thang nhiệt độ Celsius.',
    'Đo được nhiệt độ bằng nhiệt kế, thực hiện đúng thao tác.']],
  ['Chương I. Các thể (trạng thái) của chất', 'Bài 9. Sự đa dạng của chất', 2, [
    'Nêu được sự đa dạng của chất (chất có ở xung quanh chúng ta, trong các vật thể tự nhiên, vật thể nhân tạo).',
    'Trình bày được một số đặc điểm cơ bản ba thể của chất (rắn, lỏng, khí).',
    'Đưa ra được một số ví dụ về tính chất vật lí và tính chất hoá học của chất.']],
  ['Chương I. Các thể (trạng thái) của chất', 'Bài 10. Các thể của chất và sự chuyển thể', 3, [
    'Nêu được khái niệm về sự nóng chảy, sự sôi, sự bay hơi, sự ngưng tụ, sự đông đặc.',
    'Tiến hành được thí nghiệm về sự chuyển thể của chất.',
    'Trình bày được quá trình diễn ra sự chuyển thể: nóng chảy, đông đặc, bay hơi, ngưng tụ, sôi.']],
  ['Chương II. Oxygen và không khí', 'Bài 11. Oxygen. Không khí', 3, [
    'Nêu được một số tính chất của oxygen (trạng thái, màu sắc, tính tan…).',
    'Nêu được tầm quan trọng của oxygen đối với sự sống, sự cháy và quá trình đốt nhiên liệu.',
    'Nêu được thành phần của không khí và vai trò của không khí đối với tự nhiên.',
    'Trình bày được sự ô nhiễm không khí và một số biện pháp bảo vệ môi trường không khí.']],
];

const unitRows = (unit: string, topic: string, outcomes: Record<string, string[]>): Row[] =>
  Object.entries(outcomes).map(([section, list]) => [unit, `${section}: ${topic}`, 1, list]);

const TIENG_ANH_6: Row[] = [
  ...unitRows('Unit 1. My new school', 'My new school', {
    'Getting started': ['Nghe, đọc và hiểu đoạn hội thoại về ngày đầu tiên ở trường mới.', 'Nhận biết và dùng được từ vựng về đồ dùng học tập và các môn học.'],
    'A closer look 1': ['Dùng được các cụm từ với động từ play, do, have, study.', 'Phát âm đúng các âm /ɑː/ và /ʌ/.'],
    'A closer look 2': ['Dùng đúng thì hiện tại đơn để nói về thói quen ở trường.', 'Dùng đúng các trạng từ chỉ tần suất (always, usually, sometimes…).'],
    'Communication': ['Làm quen, chào hỏi và giới thiệu bạn mới bằng tiếng Anh.', 'Hỏi và trả lời về trường học của mình.'],
    'Skills 1': ['Đọc hiểu thông tin chi tiết về một số ngôi trường đặc biệt.', 'Nói về ngôi trường mơ ước của mình.'],
    'Skills 2': ['Nghe lấy thông tin cụ thể về một ngày ở trường.', 'Viết được một đoạn văn ngắn (khoảng 50 từ) về trường của mình.'],
    'Looking back & Project': ['Ôn tập từ vựng, ngữ pháp của Unit 1.', 'Thiết kế và giới thiệu trước lớp một áp phích về ngôi trường mơ ước.'],
  }),
  ...unitRows('Unit 2. My house', 'My house', {
    'Getting started': ['Nhận biết và dùng được từ vựng về các loại nhà, các phòng trong nhà.'],
    'A closer look 1': ['Dùng được từ vựng về đồ đạc trong nhà.', 'Phát âm đúng âm cuối /z/, /s/ và /ɪz/.'],
    'A closer look 2': ['Dùng đúng sở hữu cách (possessive case).', 'Dùng đúng các giới từ chỉ vị trí (in, on, under, next to, behind…).'],
    'Communication': ['Hỏi và trả lời về vị trí đồ vật trong nhà.'],
    'Skills 1': ['Đọc hiểu thư điện tử miêu tả ngôi nhà.', 'Nói về ngôi nhà và căn phòng của mình.'],
    'Skills 2': ['Nghe miêu tả một ngôi nhà và chọn tranh đúng.', 'Viết thư điện tử miêu tả ngôi nhà của mình.'],
    'Looking back & Project': ['Ôn tập từ vựng, ngữ pháp của Unit 2.', 'Vẽ và giới thiệu ngôi nhà mơ ước.'],
  }),
];

const LS_DL_6: Row[] = [
  ['Phân môn Lịch sử – Chương 1. Vì sao phải học lịch sử?', 'Bài 1. Lịch sử và cuộc sống', 1, [
    'Nêu được khái niệm lịch sử và môn Lịch sử.',
    'Hiểu được lịch sử là những gì đã diễn ra trong quá khứ.',
    'Giải thích được vì sao cần thiết phải học môn Lịch sử.']],
  ['Phân môn Lịch sử – Chương 1. Vì sao phải học lịch sử?', 'Bài 2. Dựa vào đâu để biết và phục dựng lại lịch sử?', 1, [
    'Phân biệt được các nguồn sử liệu cơ bản, ý nghĩa và giá trị của các nguồn sử liệu (tư liệu gốc, truyền miệng, hiện vật, chữ viết…).']],
  ['Phân môn Lịch sử – Chương 1. Vì sao phải học lịch sử?', 'Bài 3. Thời gian trong lịch sử', 2, [
    'Nêu được một số khái niệm về thời gian trong lịch sử: thập kỉ, thế kỉ, thiên niên kỉ, trước Công nguyên, sau Công nguyên, âm lịch, dương lịch.',
    'Hiểu cách tính thời gian theo quy ước chung của thế giới.']],
  ['Phân môn Lịch sử – Chương 2. Thời kì nguyên thuỷ', 'Bài 4. Nguồn gốc loài người', 2, [
    'Giới thiệu được sơ lược quá trình tiến hoá từ vượn người thành người trên Trái Đất.',
    'Xác định được những dấu tích của người tối cổ ở Đông Nam Á và Việt Nam.',
    'Kể được tên được những địa điểm tìm thấy dấu tích của người tối cổ trên đất nước Việt Nam.']],
  ['Phân môn Lịch sử – Chương 2. Thời kì nguyên thuỷ', 'Bài 5. Xã hội nguyên thuỷ', 2, [
    'Mô tả được sơ lược các giai đoạn tiến triển của xã hội người nguyên thuỷ.',
    'Trình bày được những nét chính về đời sống của người thời nguyên thuỷ trên thế giới và trên đất nước Việt Nam.',
    'Nhận biết được vai trò của lao động đối với quá trình phát triển của người nguyên thuỷ.']],
  ['Phân môn Lịch sử – Chương 2. Thời kì nguyên thuỷ', 'Bài 6. Sự chuyển biến và phân hoá của xã hội nguyên thuỷ', 2, [
    'Trình bày được quá trình phát hiện ra kim loại và vai trò của kim loại đối với sự chuyển biến từ xã hội nguyên thuỷ sang xã hội có giai cấp.',
    'Nêu và giải thích được sự phân hoá không triệt để của xã hội nguyên thuỷ ở phương Đông.']],
  ['Phân môn Địa lí – Bài mở đầu', 'Tại sao cần học Địa lí?', 1, [
    'Nhận biết được vai trò của Địa lí trong cuộc sống.',
    'Hiểu được tầm quan trọng của việc nắm các khái niệm cơ bản và kĩ năng địa lí.']],
  ['Phân môn Địa lí – Chương 1. Bản đồ: phương tiện thể hiện bề mặt Trái Đất', 'Bài 1. Hệ thống kinh, vĩ tuyến. Toạ độ địa lí', 2, [
    'Xác định được trên bản đồ và trên quả Địa Cầu: kinh tuyến gốc, xích đạo, các bán cầu.',
    'Ghi được toạ độ địa lí của một địa điểm trên bản đồ.']],
  ['Phân môn Địa lí – Chương 1. Bản đồ: phương tiện thể hiện bề mặt Trái Đất', 'Bài 2. Kí hiệu và chú giải trên một số bản đồ thông dụng', 1, [
    'Đọc được các kí hiệu bản đồ và chú giải bản đồ hành chính, bản đồ địa hình.']],
  ['Phân môn Địa lí – Chương 1. Bản đồ: phương tiện thể hiện bề mặt Trái Đất', 'Bài 3. Tìm đường đi trên bản đồ', 2, [
    'Xác định được phương hướng trên bản đồ và tính khoảng cách thực tế giữa hai địa điểm dựa vào tỉ lệ bản đồ.',
    'Biết tìm đường đi trên bản đồ.']],
  ['Phân môn Địa lí – Chương 1. Bản đồ: phương tiện thể hiện bề mặt Trái Đất', 'Bài 4. Lược đồ trí nhớ', 1, [
    'Vẽ được lược đồ trí nhớ thể hiện các đối tượng địa lí thân quen đối với cá nhân học sinh.']],
  ['Phân môn Địa lí – Chương 2. Trái Đất – hành tinh của hệ Mặt Trời', 'Bài 5. Vị trí Trái Đất trong hệ Mặt Trời. Hình dạng, kích thước của Trái Đất', 1, [
    'Xác định được vị trí của Trái Đất trong hệ Mặt Trời.',
    'Mô tả được hình dạng, kích thước Trái Đất.']],
];

const TOAN_7: Row[] = [
  ['Chương I. Số hữu tỉ', 'Bài 1. Tập hợp các số hữu tỉ', 2, [
    'Nhận biết được số hữu tỉ và lấy được ví dụ về số hữu tỉ.',
    'Biểu diễn được số hữu tỉ trên trục số; nhận biết được số đối của một số hữu tỉ.',
    'So sánh được hai số hữu tỉ.']],
  ['Chương I. Số hữu tỉ', 'Bài 2. Cộng, trừ, nhân, chia số hữu tỉ', 3, [
    'Thực hiện được các phép tính cộng, trừ, nhân, chia trong tập hợp số hữu tỉ.',
    'Vận dụng được các tính chất giao hoán, kết hợp, phân phối của phép nhân đối với phép cộng, quy tắc dấu ngoặc trong tính toán.']],
  ['Chương I. Số hữu tỉ', 'Bài 3. Lũy thừa với số mũ tự nhiên của một số hữu tỉ', 2, [
    'Mô tả được phép tính lũy thừa với số mũ tự nhiên của một số hữu tỉ và một số tính chất của phép tính đó.',
    'Thực hiện được tích và thương của hai lũy thừa cùng cơ số, lũy thừa của lũy thừa.']],
  ['Chương I. Số hữu tỉ', 'Bài 4. Thứ tự thực hiện các phép tính. Quy tắc chuyển vế', 2, [
    'Mô tả được thứ tự thực hiện các phép tính, quy tắc dấu ngoặc, quy tắc chuyển vế trong tập hợp số hữu tỉ.',
    'Giải quyết được một số vấn đề thực tiễn gắn với các phép tính về số hữu tỉ (ví dụ: các bài toán liên quan đến chuyển động, đo đạc).']],
  ['Chương II. Số thực', 'Bài 5. Làm quen với số thập phân vô hạn tuần hoàn', 1, [
    'Nhận biết được số thập phân hữu hạn và số thập phân vô hạn tuần hoàn.',
    'Làm tròn được số thập phân căn cứ vào độ chính xác cho trước.']],
  ['Chương II. Số thực', 'Bài 6. Số vô tỉ. Căn bậc hai số học', 2, [
    'Nhận biết được số vô tỉ và lấy được ví dụ về số vô tỉ.',
    'Nhận biết được khái niệm căn bậc hai số học của một số không âm; tính được căn bậc hai số học của một số nguyên dương bằng máy tính cầm tay.']],
  ['Chương II. Số thực', 'Bài 7. Tập hợp các số thực', 2, [
    'Nhận biết được số thực, tập hợp các số thực và thứ tự trong tập hợp các số thực.',
    'Nhận biết được số đối và giá trị tuyệt đối của một số thực.']],
  ['Chương III. Góc và đường thẳng song song', 'Bài 8. Góc ở vị trí đặc biệt. Tia phân giác của một góc', 2, [
    'Nhận biết được các góc ở vị trí đặc biệt (hai góc kề bù, hai góc đối đỉnh).',
    'Nhận biết được tia phân giác của một góc và vẽ được tia phân giác bằng dụng cụ học tập.']],
  ['Chương III. Góc và đường thẳng song song', 'Bài 9. Hai đường thẳng song song và dấu hiệu nhận biết', 2, [
    'Mô tả được dấu hiệu song song của hai đường thẳng thông qua cặp góc đồng vị, cặp góc so le trong.',
    'Vẽ được đường thẳng đi qua một điểm và song song với một đường thẳng cho trước.']],
  ['Chương III. Góc và đường thẳng song song', 'Bài 10. Tiên đề Euclid. Tính chất của hai đường thẳng song song', 2, [
    'Nhận biết được tiên đề Euclid về đường thẳng song song.',
    'Mô tả được một số tính chất của hai đường thẳng song song.']],
  ['Chương III. Góc và đường thẳng song song', 'Bài 11. Định lí và chứng minh định lí', 1, [
    'Nhận biết được thế nào là một định lí, giả thiết và kết luận của định lí.',
    'Làm quen với chứng minh định lí.']],
];

/** Subject code → grade → lessons in teaching order. */
export const DEMO_CURRICULUM: Record<string, Record<number, Row[]>> = {
  TOAN: { 6: TOAN_6, 7: TOAN_7 },
  NV: { 6: NGU_VAN_6 },
  KHTN: { 6: KHTN_6 },
  NN1: { 6: TIENG_ANH_6 },
  LSDL: { 6: LS_DL_6 },
};

/** Writes the demo curriculum inside the seeding transaction; subjects absent from the school are skipped. */
export async function seedDemoCurriculum(trx: Knex, subjectIds: ReadonlyMap<string, number>, at: string): Promise<number> {
  const rows: Record<string, unknown>[] = [];
  for (const [code, grades] of Object.entries(DEMO_CURRICULUM)) {
    const subjectId = subjectIds.get(code);
    if (subjectId === undefined) continue;
    for (const [grade, lessons] of Object.entries(grades)) {
      lessons.forEach(([chapter, title, periods, outcomes], i) => rows.push({
        subject_id: subjectId, grade: Number(grade), position: i + 1, chapter, title, periods,
        outcomes: JSON.stringify(outcomes), created_at: at, updated_at: at,
      }));
    }
  }
  // One multi-row insert per subject × grade keeps the demo (and every test's seed) fast.
  for (let i = 0; i < rows.length; i += 50) await trx('curriculum_lessons').insert(rows.slice(i, i + 50));
  return rows.length;
}
