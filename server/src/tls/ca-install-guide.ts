/**
 * Step-by-step instructions for installing the appliance's local CA
 * certificate (see `local-ca.ts`) on the devices teachers and pupils use.
 * Returned as structured data so the UI can render it (and pick a language)
 * however it likes. Menu names vary between OS versions and phone makers, so
 * the steps name the usual path and say so.
 */

export interface CaInstallPlatform {
  platform: string;
  steps: string[];
}

export interface CaInstallGuideText {
  title: string;
  steps: CaInstallPlatform[];
}

export interface CaInstallGuide {
  vi: CaInstallGuideText;
  en: CaInstallGuideText;
}

export interface CaInstallGuideOptions {
  /** Where devices download the CA certificate, e.g. `http://192.168.1.20/ca.crt`. */
  downloadUrl?: string;
  /** SHA-256 fingerprint of the CA certificate (as returned by `ensureLocalCertificates`). */
  fingerprintSha256?: string;
  /** Common name of the CA certificate, so users can find it in lists. */
  caName?: string;
  /** File name users will see after downloading. */
  fileName?: string;
}

export function buildCaInstallGuide(opts: CaInstallGuideOptions = {}): CaInstallGuide {
  const file = opts.fileName ?? 'phonghoc-ca.crt';
  const name = opts.caName ?? 'Phonghoc Local CA';
  const fp = opts.fingerprintSha256;

  const viGet = opts.downloadUrl
    ? `Mở địa chỉ ${opts.downloadUrl} và tải tệp chứng chỉ “${file}” về máy.`
    : `Tải tệp chứng chỉ “${file}” từ trang quản trị của máy chủ Phonghoc về máy.`;
  const enGet = opts.downloadUrl
    ? `Open ${opts.downloadUrl} and download the certificate file “${file}”.`
    : `Download the certificate file “${file}” from the Phonghoc appliance's admin page.`;
  // Fingerprint check, with where to find the SHA-256 value on that platform.
  const viCheck = (where: string): string[] =>
    fp
      ? [`Kiểm tra dấu vân tay SHA-256 của chứng chỉ (${where}) trùng khớp với: ${fp}. Nếu không khớp, đừng tin cậy chứng chỉ này: hãy gỡ bỏ và báo cho quản trị viên.`]
      : [];
  const enCheck = (where: string): string[] =>
    fp
      ? [`Check that the certificate's SHA-256 fingerprint (${where}) matches: ${fp}. If it does not, do not trust it: remove it and tell the administrator.`]
      : [];

  const vi: CaInstallGuideText = {
    title: 'Cài đặt chứng chỉ gốc Phonghoc để kết nối an toàn (HTTPS) trong mạng nội bộ của trường',
    steps: [
      {
        platform: 'Android',
        steps: [
          viGet,
          'Mở Cài đặt › Bảo mật (hoặc Bảo mật và quyền riêng tư) › Cài đặt bảo mật khác › Mã hóa và thông tin xác thực › Cài đặt chứng chỉ › Chứng chỉ CA. Tên các mục có thể khác nhau tùy hãng điện thoại; có thể gõ “chứng chỉ” vào ô tìm kiếm của Cài đặt.',
          'Chọn “Vẫn cài đặt” khi có cảnh báo, xác nhận bằng mã khóa màn hình (máy phải có khóa màn hình), rồi chọn tệp vừa tải về trong thư mục Tải xuống.',
          `Kiểm tra: Mã hóa và thông tin xác thực › Thông tin xác thực đáng tin cậy › thẻ Người dùng phải có “${name}”.`,
          ...viCheck('chạm vào chứng chỉ trong thẻ Người dùng để xem, nếu máy hiển thị'),
          'Trình duyệt Chrome sẽ tin cậy chứng chỉ này; một số ứng dụng khác trên Android có thể không dùng chứng chỉ do người dùng cài đặt.',
        ],
      },
      {
        platform: 'iPhone/iPad (iOS, iPadOS)',
        steps: [
          `${viGet} Trên iPhone/iPad phải mở bằng Safari.`,
          'Khi được hỏi có cho phép tải về hồ sơ cấu hình không, chọn “Cho phép”.',
          'Mở Cài đặt › Đã tải về hồ sơ (hoặc Cài đặt chung › Quản lý VPN & thiết bị), chọn hồ sơ Phonghoc, nhấn “Cài đặt”, nhập mật mã của máy và nhấn “Cài đặt” thêm lần nữa.',
          ...viCheck('trong hồ sơ, chọn “Chi tiết khác”'),
          `Bước bắt buộc: mở Cài đặt › Cài đặt chung › Giới thiệu › Cài đặt tin cậy chứng nhận, bật “${name}” trong phần “Bật tin cậy hoàn toàn cho chứng nhận gốc” và nhấn “Tiếp tục”. Nếu bỏ qua bước này, Safari vẫn báo kết nối không an toàn.`,
        ],
      },
      {
        platform: 'Windows',
        steps: [
          viGet,
          ...viCheck(`mở Command Prompt, chạy certutil -dump ${file} và xem dòng “Cert Hash(sha256)”, bỏ qua dấu hai chấm và chữ hoa/thường; hộp thoại chứng chỉ của Windows chỉ hiện mã SHA-1`),
          'Nhấp đúp vào tệp vừa tải, chọn “Install Certificate…” (Cài đặt chứng chỉ).',
          'Chọn “Current User” (chỉ tài khoản này) hoặc “Local Machine” (mọi tài khoản trên máy, cần quyền quản trị), nhấn Next.',
          'Chọn “Place all certificates in the following store” (Đặt tất cả chứng chỉ vào kho sau), nhấn Browse và chọn “Trusted Root Certification Authorities” (Tổ chức cấp chứng chỉ gốc đáng tin cậy), nhấn Next rồi Finish.',
          'Nhấn “Yes” trong hộp cảnh báo bảo mật để xác nhận.',
          'Đóng hẳn rồi mở lại trình duyệt (Edge, Chrome, Firefox) để áp dụng.',
        ],
      },
      {
        platform: 'macOS',
        steps: [
          viGet,
          'Nhấp đúp vào tệp vừa tải; ứng dụng Truy cập Chuỗi khóa (Keychain Access) sẽ mở. Chọn chuỗi khóa “đăng nhập” (login) và nhấn Thêm.',
          `Trong Truy cập Chuỗi khóa, mở mục Chứng nhận, nhấp đúp vào “${name}”.`,
          ...viCheck('ở cuối cửa sổ chi tiết, mục Dấu vân tay, SHA-256'),
          'Mở phần “Tin cậy”, tại “Khi sử dụng chứng nhận này” chọn “Luôn tin cậy”, đóng cửa sổ và nhập mật khẩu máy Mac để lưu.',
          'Đóng hẳn rồi mở lại trình duyệt (Safari, Chrome, Firefox) để áp dụng.',
        ],
      },
      {
        platform: 'ChromeOS / Linux',
        steps: [
          viGet,
          'ChromeOS: mở Cài đặt › Quyền riêng tư và bảo mật › Bảo mật › Quản lý chứng chỉ › Tổ chức phát hành chứng chỉ (Authorities) › Nhập, chọn tệp vừa tải, đánh dấu “Tin tưởng chứng chỉ này để nhận dạng trang web” và nhấn OK.',
          'Chromebook do nhà trường quản lý có thể không cho phép tự cài đặt; khi đó quản trị viên cần đẩy chứng chỉ qua Google Admin Console (Thiết bị › Mạng › Chứng chỉ).',
          `Linux (Debian/Ubuntu), cho toàn hệ thống: sudo cp ${file} /usr/local/share/ca-certificates/ rồi chạy sudo update-ca-certificates. Fedora: sudo trust anchor ${file}.`,
          'Linux, Chrome/Chromium: mở chrome://settings/certificates › Tổ chức phát hành chứng chỉ › Nhập và đánh dấu tin cậy để nhận dạng trang web. Firefox: Cài đặt › Riêng tư & Bảo mật › Chứng chỉ › Xem chứng chỉ › Nhà cung cấp chứng chỉ › Nhập, đánh dấu “Tin cậy CA này để nhận diện các trang web”.',
          ...viCheck(`trên Linux: openssl x509 -in ${file} -noout -fingerprint -sha256`),
          'Đóng hẳn rồi mở lại trình duyệt để áp dụng.',
        ],
      },
    ],
  };

  const en: CaInstallGuideText = {
    title: "Install the Phonghoc root certificate for secure (HTTPS) connections on the school's network",
    steps: [
      {
        platform: 'Android',
        steps: [
          enGet,
          'Open Settings › Security (or Security & privacy) › More security settings › Encryption & credentials › Install a certificate › CA certificate. Menu names differ between phone makers; you can also search Settings for “certificate”.',
          'Tap “Install anyway” at the warning, confirm with your screen lock (the phone must have one), then pick the downloaded file from the Downloads folder.',
          `Check: Encryption & credentials › Trusted credentials › User tab should list “${name}”.`,
          ...enCheck('tap the certificate in the User tab, if your phone shows it'),
          'Chrome will trust the certificate; some other Android apps ignore user-installed certificates.',
        ],
      },
      {
        platform: 'iPhone/iPad (iOS, iPadOS)',
        steps: [
          `${enGet} On iPhone/iPad this must be done in Safari.`,
          'When asked whether to allow downloading a configuration profile, tap “Allow”.',
          'Open Settings › Profile Downloaded (or General › VPN & Device Management), select the Phonghoc profile, tap “Install”, enter the device passcode and tap “Install” again.',
          ...enCheck('in the profile, under “More Details”'),
          `Required: open Settings › General › About › Certificate Trust Settings, switch on “${name}” under “Enable full trust for root certificates” and tap “Continue”. Without this step Safari still reports the connection as not private.`,
        ],
      },
      {
        platform: 'Windows',
        steps: [
          enGet,
          ...enCheck(`open Command Prompt, run certutil -dump ${file} and read the “Cert Hash(sha256)” line, ignoring colons and letter case; the Windows certificate dialog only shows the SHA-1 thumbprint`),
          'Double-click the downloaded file and choose “Install Certificate…”.',
          'Choose “Current User” (this account only) or “Local Machine” (all accounts, needs administrator rights) and click Next.',
          'Choose “Place all certificates in the following store”, click Browse, select “Trusted Root Certification Authorities”, then click Next and Finish.',
          'Click “Yes” in the security warning to confirm.',
          'Quit and reopen the browser (Edge, Chrome, Firefox) for the change to take effect.',
        ],
      },
      {
        platform: 'macOS',
        steps: [
          enGet,
          'Double-click the downloaded file; Keychain Access opens. Choose the “login” keychain and click Add.',
          `In Keychain Access, open Certificates and double-click “${name}”.`,
          ...enCheck('at the bottom of the details window, under Fingerprints, SHA-256'),
          'Expand “Trust”, set “When using this certificate” to “Always Trust”, close the window and enter your Mac password to save.',
          'Quit and reopen the browser (Safari, Chrome, Firefox) for the change to take effect.',
        ],
      },
      {
        platform: 'ChromeOS / Linux',
        steps: [
          enGet,
          'ChromeOS: open Settings › Privacy and security › Security › Manage certificates › Authorities › Import, pick the downloaded file, tick “Trust this certificate for identifying websites” and click OK.',
          'School-managed Chromebooks may block this; the administrator can push the certificate from the Google Admin console (Devices › Networks › Certificates) instead.',
          `Linux (Debian/Ubuntu), system-wide: sudo cp ${file} /usr/local/share/ca-certificates/ then sudo update-ca-certificates. Fedora: sudo trust anchor ${file}.`,
          'Linux, Chrome/Chromium: open chrome://settings/certificates › Authorities › Import and tick trust for identifying websites. Firefox: Settings › Privacy & Security › Certificates › View Certificates › Authorities › Import, tick “Trust this CA to identify websites”.',
          ...enCheck(`on Linux: openssl x509 -in ${file} -noout -fingerprint -sha256`),
          'Quit and reopen the browser for the change to take effect.',
        ],
      },
    ],
  };

  return { vi, en };
}
