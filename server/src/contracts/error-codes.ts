/**
 * Stable error codes with their HTTP status and messages in Vietnamese (first) and English.
 * The UI imports this file too, so a code is never copied by hand.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request data is not valid.' },
  UNAUTHENTICATED: { status: 401, vi: 'Bạn cần đăng nhập.', en: 'You need to sign in.' },
  INVALID_CREDENTIALS: { status: 401, vi: 'Mã định danh hoặc mật khẩu không đúng.', en: 'Wrong identifier or password.' },
  ACCOUNT_LOCKED: { status: 423, vi: 'Tài khoản tạm khoá do đăng nhập sai nhiều lần. Hãy thử lại sau.', en: 'The account is locked after too many failed sign-ins. Try again later.' },
  ACCOUNT_DISABLED: { status: 403, vi: 'Tài khoản đã bị vô hiệu hoá.', en: 'The account is disabled.' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, vi: 'Bạn cần đổi mật khẩu trước khi tiếp tục.', en: 'You must change your password before continuing.' },
  PASSWORD_TOO_WEAK: { status: 400, vi: 'Mật khẩu cần ít nhất 8 ký tự, gồm chữ và số, và khác mã định danh.', en: 'The password needs at least 8 characters with letters and digits, and must differ from the identifier.' },
  PASSWORD_REUSED: { status: 400, vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.', en: 'The new password must differ from the current one.' },
  CSRF_INVALID: { status: 403, vi: 'Phiên làm việc không hợp lệ, hãy tải lại trang.', en: 'Invalid or missing CSRF token; reload the page.' },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy.', en: 'Not found.' },
  RATE_LIMITED: { status: 429, vi: 'Quá nhiều yêu cầu, hãy thử lại sau ít phút.', en: 'Too many requests; try again in a few minutes.' },
  CONFLICT: { status: 409, vi: 'Dữ liệu bị trùng hoặc mâu thuẫn với dữ liệu đã có.', en: 'The data conflicts with existing data.' },
  SCHOOL_ALREADY_SET_UP: { status: 409, vi: 'Nhà trường đã được khởi tạo.', en: 'The school is already set up.' },
  SCHOOL_NOT_SET_UP: { status: 409, vi: 'Nhà trường chưa được khởi tạo.', en: 'The school has not been set up yet.' },
  INVALID_PERSONAL_ID: { status: 400, vi: 'Mã định danh không hợp lệ.', en: 'The personal identifier is not valid.' },
  INVALID_CITIZEN_ID: { status: 400, vi: 'Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số hợp lệ.', en: 'The citizen ID must be exactly 12 valid digits.' },
  DUPLICATE_PERSONAL_ID: { status: 409, vi: 'Mã định danh đã tồn tại.', en: 'The personal identifier already exists.' },
  INVALID_DATE_RANGE: { status: 400, vi: 'Ngày bắt đầu phải trước ngày kết thúc.', en: 'The start date must be before the end date.' },
  SEMESTERS_OUTSIDE_YEAR: { status: 400, vi: 'Học kì phải nằm trong năm học và không chồng lên nhau.', en: 'Semesters must lie inside the school year and not overlap.' },
  GRADE_NOT_IN_SCHOOL_LEVEL: { status: 400, vi: 'Khối lớp không thuộc cấp học của trường.', en: 'The grade does not belong to the school level.' },
  WRONG_ROLE_FOR_ASSIGNMENT: { status: 400, vi: 'Người được chọn không phải giáo viên.', en: 'The chosen person is not a teacher.' },
  UPLOAD_TOO_LARGE: { status: 413, vi: 'Tệp quá lớn.', en: 'The file is too large.' },
  UNSUPPORTED_FILE_TYPE: { status: 415, vi: 'Định dạng tệp không được hỗ trợ.', en: 'This file type is not supported.' },
  SPREADSHEET_LEGACY_XLS: { status: 415, vi: 'Không đọc được tệp Excel đời cũ (.xls) hoặc tệp có đặt mật khẩu. Hãy mở tệp bằng Excel, bỏ mật khẩu nếu có, rồi chọn "Lưu thành" (Save As) dạng "Sổ làm việc Excel (.xlsx)".', en: 'Old Excel files (.xls) and password-protected files cannot be read. Open the file in Excel, remove any password, and use "Save As" → "Excel Workbook (.xlsx)".' },
  SPREADSHEET_UNSAFE: { status: 400, vi: 'Tệp Excel có cấu trúc bất thường hoặc không an toàn nên đã bị từ chối.', en: 'The Excel file has an unusual or unsafe structure and was refused.' },
  SPREADSHEET_UNREADABLE: { status: 400, vi: 'Không đọc được tệp. Tệp có thể bị hỏng hoặc không đúng định dạng .xlsx hay .csv.', en: 'The file could not be read. It may be damaged or not really an .xlsx or .csv file.' },
  SPREADSHEET_TOO_MANY_ROWS: { status: 413, vi: 'Tệp có quá nhiều dòng dữ liệu. Hãy chia thành nhiều tệp nhỏ hơn.', en: 'The file has too many data rows. Split it into smaller files.' },
  ROSTER_MISSING_COLUMNS: { status: 400, vi: 'Tệp danh sách thiếu cột bắt buộc.', en: 'The roster file lacks required columns.' },
  ROSTER_EMPTY: { status: 400, vi: 'Tệp danh sách không có dòng dữ liệu nào.', en: 'The roster file has no data rows.' },
  LIVE_LESSON_ENDED: { status: 409, vi: 'Buổi học trực tuyến đã kết thúc.', en: 'The live lesson has ended.' },
  LIVE_NOT_JOINED: { status: 409, vi: 'Bạn cần vào lớp trước.', en: 'Join the lesson first.' },
  LIVE_CHAT_LOCKED: { status: 403, vi: 'Giáo viên đã khoá trò chuyện.', en: 'The teacher has locked the chat.' },
  LIVE_POLL_CLOSED: { status: 409, vi: 'Câu hỏi bình chọn đã đóng.', en: 'The poll is closed.' },
  LIVE_NO_ROOM_CAMERA: { status: 409, vi: 'Phòng học chưa có camera được cấu hình.', en: 'No room camera is configured.' },
  LIVE_RECORDING_NOT_ALLOWED: { status: 403, vi: 'Nhà trường chưa cho phép ghi hình buổi học này.', en: 'The school does not allow recording this lesson.' },
  LIVE_NOTHING_TO_RECORD: { status: 409, vi: 'Hãy bật camera, micro hoặc chia sẻ màn hình trước khi ghi hình.', en: 'Turn on the camera, microphone or screen sharing before recording.' },
  LIVE_RECORDING_DISK_FULL: { status: 507, vi: 'Đã dùng hết dung lượng dành cho bản ghi.', en: 'The recording disk budget is used up.' },
  LIVE_RATE_LIMITED: { status: 429, vi: 'Gửi quá nhanh, hãy chậm lại.', en: 'Too many messages; slow down.' },
  LIVE_BAD_MESSAGE: { status: 400, vi: 'Tin nhắn điều khiển không hợp lệ.', en: 'Malformed signaling message.' },
  REPLACING_MODE_NEEDS_FORCE_MAJEURE: { status: 409, vi: 'Chỉ được dạy học trực tuyến thay thế khi có quyết định của hiệu trưởng về trường hợp bất khả kháng còn hiệu lực cho lớp, môn và thời gian này.', en: 'Replacing mode needs an active force-majeure decision of the principal covering these classes, subjects and dates.' },
  DECISION_ALREADY_REVOKED: { status: 409, vi: 'Quyết định này đã bị thu hồi.', en: 'This decision has already been revoked.' },
  LIVE_NOT_ASSIGNED: { status: 403, vi: 'Bạn không được phân công dạy môn này ở lớp này.', en: 'You are not assigned to teach this subject in this class.' },
  LIVE_OUTSIDE_SCHOOL_YEAR: { status: 400, vi: 'Buổi học phải nằm trong năm học của lớp.', en: 'The lesson must lie inside the class\'s school year.' },
  LIVE_LESSON_OVERLAP: { status: 409, vi: 'Trùng giờ với một buổi học khác của lớp hoặc của giáo viên.', en: 'The time overlaps another lesson of the class or of the teacher.' },
  LIVE_LESSON_CANCELLED: { status: 409, vi: 'Buổi học trực tuyến đã bị huỷ.', en: 'The live lesson was cancelled.' },
  LIVE_NOT_CANCELLABLE: { status: 409, vi: 'Chỉ huỷ được buổi học chưa bắt đầu.', en: 'Only a lesson that has not started can be cancelled.' },
  LIVE_NOT_OPEN_YET: { status: 409, vi: 'Buổi học chỉ mở trước giờ học 15 phút.', en: 'The lesson opens 15 minutes before it starts.' },
  LIVE_NOT_PARTICIPANT: { status: 403, vi: 'Bạn không thuộc lớp của buổi học này.', en: 'You are not a participant of this lesson.' },
  LIVE_RECORDING_PATH_INVALID: { status: 400, vi: 'Đường dẫn tệp ghi hình không hợp lệ.', en: 'The recording file path is not valid.' },
  DEVICE_RETIRED: { status: 409, vi: 'Thiết bị đã ngừng sử dụng nên không sửa được nữa.', en: 'The device has been retired and can no longer be changed.' },
  INTERNAL: { status: 500, vi: 'Đã có lỗi trong hệ thống. Hãy thử lại hoặc báo cho bộ phận kĩ thuật.', en: 'Something went wrong. Try again or tell the IT staff.' },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The body of every error reply. */
export interface ErrorBody {
  error: { code: ErrorCode; message: { vi: string; en: string }; details?: Record<string, unknown> };
}
