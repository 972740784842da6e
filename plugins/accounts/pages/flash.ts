// What the accounts pages say after a form was sent (`?done=<key>`).
import { flashTexts } from '../../../core/pages/index.js';

export const flash = flashTexts({
  password: '密码已设置，请牢记新密码。',
  logout: '您已安全退出。',
  created: '子账号已开设。该账号首次登录需使用手机验证码登录。',
  disabled: '账号已停用，该账号的登录状态已失效。',
  enabled: '账号已启用。',
  roles: '账号角色已更新，该账号需重新登录后生效。',
  'role-created': '角色已增加。',
  'role-updated': '角色已保存。',
  'role-deleted': '角色已删除。',
});
