import type { DisclosureSection } from './disclosure.types.js';

/**
 * Starting texts the principal edits before publishing (Art. 15.3: the school builds its own
 * rules for online teaching). A sensible draft in the school's words, not legal text: every line
 * is meant to be checked, changed or removed by the school.
 */
export const STARTING_TEXTS: Record<DisclosureSection, string> = {
  rules_students: [
    '<h3>Nội quy học trực tuyến dành cho học sinh</h3>',
    '<p>Áp dụng khi học sinh học trực tuyến theo kế hoạch của nhà trường (Thông tư 09/2021/TT-BGDĐT).</p>',
    '<ol>',
    '<li>Đăng nhập bằng tài khoản do nhà trường cấp (mã định danh của học sinh); không cho người khác mượn tài khoản, không dùng tài khoản của bạn khác.</li>',
    '<li>Vào lớp đúng giờ, trước giờ học 5 phút; nếu không tham gia được, phụ huynh báo cho giáo viên chủ nhiệm trước buổi học.</li>',
    '<li>Chuẩn bị sách vở, đồ dùng học tập; ngồi học ở nơi yên tĩnh, đủ ánh sáng; trang phục gọn gàng, lịch sự.</li>',
    '<li>Bật camera khi giáo viên yêu cầu; tắt micro khi không phát biểu; giơ tay trên hệ thống khi muốn phát biểu.</li>',
    '<li>Trao đổi lịch sự, tôn trọng thầy cô và các bạn; không đăng nội dung không phù hợp với lứa tuổi học sinh.</li>',
    '<li>Không ghi âm, ghi hình, chụp màn hình buổi học hoặc chia sẻ đường dẫn lớp học cho người ngoài khi chưa được giáo viên cho phép.</li>',
    '<li>Hoàn thành nhiệm vụ học tập, bài kiểm tra đúng hạn; tự làm bài, không nhờ người khác làm thay.</li>',
    '<li>Khi gặp sự cố kết nối hoặc thiết bị, báo ngay cho giáo viên hoặc nhân viên hỗ trợ kĩ thuật của nhà trường.</li>',
    '</ol>',
  ].join(''),
  rules_teachers: [
    '<h3>Nội quy dạy học trực tuyến dành cho giáo viên</h3>',
    '<ol>',
    '<li>Dạy học theo kế hoạch dạy học trực tuyến đã được hiệu trưởng phê duyệt; mở phòng học trước giờ học để kiểm tra thiết bị.</li>',
    '<li>Sử dụng học liệu đã được tổ chuyên môn thẩm định và hiệu trưởng phê duyệt; ghi rõ nguồn của học liệu tham khảo.</li>',
    '<li>Điểm danh học sinh mỗi buổi học; theo dõi, nhắc nhở học sinh thực hiện nội quy; thông tin kịp thời cho giáo viên chủ nhiệm khi học sinh vắng mặt.</li>',
    '<li>Giao nhiệm vụ học tập rõ ràng, vừa sức; phản hồi, nhận xét bài làm của học sinh kịp thời.</li>',
    '<li>Bảo vệ thông tin cá nhân của học sinh: không chia sẻ danh sách, hình ảnh, kết quả học tập của học sinh ra ngoài hệ thống của nhà trường.</li>',
    '<li>Chỉ ghi hình buổi học khi nhà trường cho phép và theo đúng mục đích dạy học.</li>',
    '<li>Báo cáo ngay với tổ trưởng chuyên môn và bộ phận kĩ thuật khi có sự cố ảnh hưởng đến buổi học.</li>',
    '</ol>',
  ].join(''),
  plan: [
    '<h3>Kế hoạch dạy học trực tuyến</h3>',
    '<p><strong>Hình thức:</strong> dạy học trực tuyến hỗ trợ dạy học trực tiếp (hoặc thay thế khi có quyết định của hiệu trưởng trong tình huống bất khả kháng).</p>',
    '<p><strong>Thời gian áp dụng:</strong> từ ngày … đến ngày …</p>',
    '<p><strong>Đối tượng:</strong> các lớp …</p>',
    '<p><strong>Nội dung:</strong> các môn học, hoạt động giáo dục và số tiết dạy trực tuyến theo kế hoạch của từng tổ chuyên môn.</p>',
    '<p><strong>Kiểm tra, đánh giá:</strong> …</p>',
    '<p><strong>Phân công:</strong> …</p>',
  ].join(''),
  conditions: [
    '<h3>Các điều kiện bảo đảm dạy học trực tuyến</h3>',
    '<p><strong>Hạ tầng, đường truyền:</strong> …</p>',
    '<p><strong>Phòng dạy học trực tuyến:</strong> camera, micro, màn hình …</p>',
    '<p><strong>Học liệu:</strong> …</p>',
    '<p><strong>Đội ngũ giáo viên, nhân viên hỗ trợ kĩ thuật:</strong> …</p>',
  ].join(''),
};
