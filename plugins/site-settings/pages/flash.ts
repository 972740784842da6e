// What the site-settings pages say after a form was sent (`?done=<key>`).
import { flashTexts } from '../../../core/pages/index.js';

export const flash = flashTexts({
  saved: '已保存。新的设置已在本站生效。',
  unchanged: '内容没有变化，设置保持不变，未产生新的修改记录。',
});
