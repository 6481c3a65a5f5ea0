export default {
  // ---- pace (src/ui/PaceControl.tsx)
  'messages.pace': '节奏',
  'messages.pace.narrated': '讲解',
  'messages.pace.even': '匀速',
  'messages.pace.narrated.hint':
    '讲解节奏：在关键时刻放慢（投票改变、选出 Leader、决定同步方式、写入提交），心跳则快速掠过',
  'messages.pace.even.hint': '匀速：每个事件用时相同（即速度，每秒事件数）',
  'messages.chapterStops': '在章节处暂停',
  'messages.chapterStops.hint': '播放到本场景每一章的开头时停下；按“播放”继续',
} satisfies Record<string, string>;
