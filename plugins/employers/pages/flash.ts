// What the employers pages say after a form was sent (`?done=<key>`).
import { flashTexts } from '../../../core/pages/index.js';

export const flash = flashTexts({
  registered: '注册成功！请完善单位信息并上传授权委托书，提交后即向省级主站申请认证。',
  saved: '单位信息已保存。',
  draft: '草稿已保存。信息完整后点击“提交认证”，即向省级主站申请认证。',
  applied: '已提交认证申请，等待省级主站审核。',
  password: '密码已设置，请牢记新密码。',
  logout: '您已安全退出。',
  'password-reset': '密码已重置，请使用新密码登录。',
  'certification-applied':
    '已提交认证申请，等待省级主站审核。现在可以申请入驻学校分站：在“未入驻”中找到学校，点击“申请入驻”。',
});
