import { shanghaiDate } from '../../clock.js';

export default function year(): number {
  return Number(shanghaiDate(new Date()).slice(0, 4));
}
