# Summarises a corpus run of scripts/run-corpus.sh: files analysed, not
# compiling, crashes, timeouts, every warning (to triage by hand), and the top
# gap reasons and details.  Usage: corpus-summary.py RESULTS_DIR
import sys, os, re, collections
res = sys.argv[1]
files = analysed = nocomp = crash = timeout = 0
warns = []; ccwarns = []; reasons = collections.Counter(); details = collections.Counter(); per_repo = collections.Counter()
nocomp_list = []; crash_list = []; timeout_list = []
def strip_tmpl(s):
    prev = None
    while prev != s:
        prev = s; s = re.sub(r'<[^<>]*>', '\x01', s)
    return s.replace('\x01', '<>')
for repo in sorted(os.listdir(res)):
    for fn in sorted(os.listdir(os.path.join(res, repo))):
        if not fn.endswith('.rc'): continue
        rc, pch, path = open(os.path.join(res, repo, fn)).read().split(' ', 2); rc = int(rc); path = path.strip()
        out = open(os.path.join(res, repo, fn[:-3] + '.out'), errors='replace').read()
        files += 1; per_repo[repo] += 1
        summ = [l for l in out.splitlines() if l.startswith('gaps: ')]
        if rc == 124: timeout += 1; timeout_list.append(path); continue
        if 'does not compile' in out: nocomp += 1; nocomp_list.append(path); continue
        if rc >= 128 or not summ: crash += 1; crash_list.append((path, rc)); continue
        analysed += 1
        for l in out.splitlines():
            if ': warning: ' in l:
                (warns if '[torch-shape' in l else ccwarns).append(l)
            m = re.match(r'^(/\S+?):\d+:\d+: gap: (.*)$', l)
            if m: details[strip_tmpl(m.group(2))] += 1
        for part in summ[-1].split(';')[1:]:
            k, _, v = part.rpartition(':')
            if k.strip(): reasons[k.strip()] += int(v)
print(f"files {files}  analysed {analysed}  not-compiling {nocomp}  crashes {crash}  timeouts {timeout}  torchshape-warnings {len(warns)}  (compiler -W warnings, not counted: {len(ccwarns)})")
print("per repo:", dict(per_repo))
print("\nWARNINGS:"); [print("  " + w) for w in warns]
print("\nCRASHES:"); [print("  ", p, rc) for p, rc in crash_list]
print("TIMEOUTS:"); [print("  ", p) for p in timeout_list]
print("\nTOP GAP REASONS:"); [print(f"  {v:6d} {k}") for k, v in reasons.most_common(15)]
print("\nTOP GAP DETAILS:"); [print(f"  {v:6d} {k[:160]}") for k, v in details.most_common(15)]
print("\nTOP UNMODELLED LIBTORCH CALLS / CONTAINER GAPS:")
lib = collections.Counter({k: v for k, v in details.items() if not k.startswith('opaque function')})
[print(f"  {v:6d} {k[:160]}") for k, v in lib.most_common(15)]
print("\nNOT COMPILING, first error:")
fe = collections.Counter()
for repo in os.listdir(res):
    for fn in os.listdir(os.path.join(res, repo)):
        if fn.endswith('.out'):
            out = open(os.path.join(res, repo, fn), errors='replace').read()
            if 'does not compile' in out:
                e = [l for l in out.splitlines() if ' error: ' in l and 'torchshape:' not in l]
                fe[re.sub(r"^.*? (fatal )?error: ", "", e[0])[:90] if e else '?'] += 1
[print(f"  {v:6d} {k}") for k, v in fe.most_common(12)]
