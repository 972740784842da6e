// What the messages pages say after a form was sent (`?done=<key>`).
import { flashTexts } from '../../../core/pages/index.js';

export const flash = flashTexts({
  read: '消息已标为已读。',
  'read-all': '全部消息已标为已读。',
});
