// What the network pages say after a form was sent (`?done=<key>`).
import { flashTexts } from '../../../core/pages/index.js';

export const flash = flashTexts({
  applied: '已提交认证申请，等待省级主站审核。',
  'certification-applied':
    '已提交认证申请，等待省级主站审核。现在可以申请入驻学校分站：在“未入驻”中找到学校，点击“申请入驻”。',
});
