// What the reviews pages say after a form was sent (`?done=<key>`).
import { flashTexts } from '../../../core/pages/index.js';

export const flash = flashTexts({
  approved: '已审核通过。',
  rejected: '已驳回，审核意见已通知单位。',
  'tags-confirmed': '已保存单位标记，审核策略将按确认后的标记执行。',
  overridden: '已记录人工核验意见，现在可以审核通过该单位的认证。',
});
