// What the fairs pages say after a form was sent (`?done=<key>`).
import { flashTexts } from '../../../core/pages/index.js';

export const flash = flashTexts({
  booked: '预定申请已提交，等待学校审核。审核结果将通过站内消息通知。',
  updated: '预定信息已保存。',
  cancelled: '已取消预定，展位已释放。',
  'cancelled-refund': '已取消预定，展位已释放。已缴费用将由主办方退还，退款后缴费状态显示为“已退款”。',
  refunded: '已登记退款。',
  receipt: '缴费凭证已上传，等待主办方确认。',
  chosen: '选展成功，展位已为贵单位保留。',
  'checked-in': '签到成功。',
  'fair-created': '招聘会已创建。',
  'fair-saved': '招聘会信息已保存。',
  'venue-added': '分会场已增加。',
  'venue-renamed': '分会场名称已保存。',
  'booths-added': '展位已添加。',
  'booth-removed': '展位已删除。',
  'venue-removed': '分会场及其展位已删除。',
  'desk-checked-in': '已为该单位签到。',
  'payment-confirmed': '已确认缴费。',
  'payment-returned': '已退回缴费凭证，退回原因将显示给单位。',
});
