/**
 * Read plus full decode, nothing printed: the bench's counterpart of `tcpdump -r FILE -w /dev/null`.
 * Prints the packet count and how many carried a DNS layer, so the work cannot be optimised away.
 */
import { dissect } from '../electron/common/decode/dissect';
import { readCaptureFile } from '../electron/node/files/read-capture';

const path = process.argv[2];
if (!path) {
  console.error('usage: decode-only FILE');
  process.exit(1);
}
let packets = 0;
let dns = 0;
await readCaptureFile(path, {
  onFrame(frame) {
    const packet = dissect(frame);
    packets++;
    const last = packet.layers[packet.layers.length - 1];
    if (last?.kind === 'dns') dns++;
  },
  onPacket() {
    packets++;
  },
});
console.log(JSON.stringify({ packets, dns }));
