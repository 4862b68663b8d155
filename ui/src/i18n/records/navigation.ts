/** Texts of the grouped main navigation (the header's group buttons and panels). */
export const navigationVi = {
  'nav.group.school': 'Nhà trường',
  'nav.group.teaching': 'Dạy học',
  'nav.group.assessment': 'Kiểm tra – đánh giá',
  'nav.group.records': 'Hồ sơ – báo cáo',
  'nav.schoolInfo': 'Thông tin nhà trường',
} satisfies Record<string, string>;

export const navigationEn: Record<keyof typeof navigationVi, string> = {
  'nav.group.school': 'School',
  'nav.group.teaching': 'Teaching',
  'nav.group.assessment': 'Assessment',
  'nav.group.records': 'Records & reports',
  'nav.schoolInfo': 'School information',
};
