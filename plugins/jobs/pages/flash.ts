// What the jobs pages say after a form was sent (`?done=<key>`).
import { flashTexts } from '../../../core/pages/index.js';

export const flash = flashTexts({
  'job-created': '职位已提交，等待各发布站点审核；审核通过后才会显示到相应站点。',
  'job-updated': '职位已修改，各发布站点将重新审核。',
  'job-expired': '职位已失效，所有站点不再显示。',
  'job-deleted': '职位已删除，各站点待审核的申请已撤回。',
  'job-expiry-set': '失效日期已设置：该日及以后所有站点不再显示。',
});
