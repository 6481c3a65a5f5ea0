export default {
  // ---- trace narration (src/ui/panels/narration.ts)
  'storage.narr.wipe': 'S{sid}：运维人员删除了它的 dataDir；重启后它以空数据重新加入，并通过 SNAP 同步',
  'storage.narr.corrupt':
    'S{sid}：坏磁盘翻转了 {file} 中事务 {zxid} 的一位；校验和不再匹配，下次启动会以“CRC check failed”停止',
  'storage.narr.corruptNone': 'S{sid}：日志中没有事务 {zxid}，未损坏任何内容',
} satisfies Record<string, string>;
