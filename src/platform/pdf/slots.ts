// A counting semaphore with deadlines: at most `size` documents print at once; the others wait their turn
// in order, and give up when their deadline passes.

export interface Slots {
  /** Resolves when a slot is free; rejects with `late()` if none frees up before `deadline` (epoch ms). */
  acquire(deadline: number, late: () => Error): Promise<void>;
  release(): void;
  /** Rejects everyone still waiting (on shutdown). */
  refuseWaiting(error: Error): void;
}

interface Waiter {
  readonly grant: () => void;
  readonly refuse: (error: Error) => void;
}

export function createSlots(size: number): Slots {
  let free = Math.max(1, size);
  const waiting: Waiter[] = [];

  return {
    async acquire(deadline, late) {
      if (free > 0) {
        free -= 1;
        return;
      }
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => {
            const index = waiting.indexOf(waiter);
            if (index >= 0) waiting.splice(index, 1);
            reject(late());
          },
          Math.max(0, deadline - Date.now()),
        );
        const waiter: Waiter = {
          grant: () => {
            clearTimeout(timer);
            resolve();
          },
          refuse: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        waiting.push(waiter);
      });
    },

    release() {
      const next = waiting.shift();
      if (next === undefined) free += 1;
      else next.grant(); // the slot passes straight to the next document
    },

    refuseWaiting(error) {
      for (const waiter of waiting.splice(0)) waiter.refuse(error);
    },
  };
}
