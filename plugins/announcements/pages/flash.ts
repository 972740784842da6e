// What the announcements pages say after a form was sent (`?done=<key>`).
import { flashTexts } from '../../../core/pages/index.js';

export const flash = flashTexts({
  'announcement-saved': '公告已保存，可继续发布下一条',
  'announcement-updated': '公告已修改，各发布站点将重新审核。',
  'announcement-deleted': '公告已删除，已从所有站点撤下。',
});
