/** Paths of the IT console, equipment, cameras, device check and kiosk sign-in pages. */
export const IT_PATHS = {
  console: '/ky-thuat',
  devices: '/thiet-bi',
  cameras: '/camera',
  check: '/kiem-tra-thiet-bi',
  kioskApprove: '/dang-nhap-kiosk',
  kioskPin: '/ma-pin',
  backups: '/sao-luu',
} as const;
