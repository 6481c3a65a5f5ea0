/** Test helper: zkCli commands that write the same znodes again and again (one parent, data, ACLs, a quota). */
export const REWRITE_COMMANDS: readonly string[] = [
  'create /q x',
  'setquota -n 50 /q',
  'create /q/a 1',
  'create /q/b 2',
  'set /q/a 3',
  'create -e /q/e 4',
  'setAcl /q/b world:anyone:cdrwa',
  'set /q 5',
  'delete /q/b',
  'create /q/b 6',
  'create -s /q/s- 7',
  'set /q/b 8',
  'deleteall /q/a',
  'create /q/a 9',
];
