// What the site-settings pages say after a form was sent (`?done=<key>`).
import { flashTexts } from '../../../core/pages/index.js';

export const flash = flashTexts({
  saved: '已保存。新的设置已在本站生效。',
});
