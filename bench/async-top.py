#!/usr/bin/env python3
"""Summary of async-profiler's collapsed stacks (bench/lib.sh, PROFILE=async): samples by thread
(numbers dropped from thread names), then the top inclusive and self frames of the whole process
and of each of the three busiest thread groups.

    python3 bench/async-top.py FILE.collapsed [TOP]
"""
import collections
import re
import sys


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    stacks = []
    for line in open(path):
        stack, _, count = line.rstrip().rpartition(' ')
        if not stack:
            continue
        frames = stack.split(';')
        thread = re.sub(r'([-#]?\d+)+$', '', frames[0].strip('[]').split(' tid=')[0]).strip()
        stacks.append((thread, frames[1:], int(count)))
    total = sum(count for _, _, count in stacks)
    threads = collections.Counter()
    for thread, _, count in stacks:
        threads[thread] += count
    print(f'samples {total}')
    print('## by thread')
    for thread, count in threads.most_common(20):
        print(f'{count:8d} {100 * count / total:5.1f}%  {thread}')
    report('whole process', stacks, total, top)
    for thread, _ in threads.most_common(3):
        report(f'thread {thread}', [s for s in stacks if s[0] == thread], total, top)


def report(title, stacks, total, top):
    inclusive = collections.Counter()
    own = collections.Counter()
    for _, frames, count in stacks:
        for frame in set(frames):
            inclusive[frame] += count
        if frames:
            own[frames[-1]] += count
    print(f'\n## {title}: top inclusive frames (% of all samples)')
    for frame, count in inclusive.most_common(top):
        print(f'{count:8d} {100 * count / total:5.1f}%  {frame[:160]}')
    print(f'## {title}: top self frames')
    for frame, count in own.most_common(top):
        print(f'{count:8d} {100 * count / total:5.1f}%  {frame[:160]}')


if __name__ == '__main__':
    main()
