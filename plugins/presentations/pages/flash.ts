// What the info session pages say after a form was sent (`?done=<key>`).
import { flashTexts } from '../../../core/pages/index.js';

export const flash = flashTexts({
  'presentation-created': '宣讲会申请已提交，等待学校审核；审核结果将通过站内消息通知。',
  'presentation-updated': '宣讲会已修改。',
  'presentation-cancelled': '宣讲会已取消，所占场地已释放。',
});
