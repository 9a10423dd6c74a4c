// Fibers for the simulated machine (SimKernel): each simulated thread runs on a stack of its
// own, and the thread holding the baton hands it over by switching stacks on the one host
// thread that runs the machine. No logic beyond saving and restoring a context.
#define _GNU_SOURCE
#include "CLinux.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

// The Swift runtime keeps the accesses under dynamic exclusivity enforcement in a per-thread
// list; a fiber that leaves mid-access must take its accesses with it, or the next fiber would
// see them as its own (and trap on a false conflict). These are the runtime's entry points for
// exactly this, which Swift's own tasks call when they suspend and resume.
extern void swift_task_enterThreadLocalContext(char *state);
extern void swift_task_exitThreadLocalContext(char *state);

enum { GB_FIBER_STACK = 16u << 20, GB_FIBER_POOL = 64 };

struct gb_fiber {
#if defined(__x86_64__)
    /// Where the fiber's saved registers are, on its own stack, while it does not run.
    void *saved;
#else
    ucontext_t context;
#endif
    uintptr_t exclusivity[2];
    gb_fiber *(*body)(void *);
    void *argument;
    void *stack;
};

/// Stacks of ended fibers, kept for the next ones: mapping 16 MiB and faulting its first pages
/// in again costs more than the switch itself.
static void *gb_stack_pool[GB_FIBER_POOL];
static int gb_stack_pool_count;
static pthread_mutex_t gb_stack_pool_lock = PTHREAD_MUTEX_INITIALIZER;

/// The fiber being switched to, read by a new fiber's entry (which takes no argument).
static __thread gb_fiber *gb_arriving;

static void *gb_stack_take(void) {
    void *stack = NULL;
    pthread_mutex_lock(&gb_stack_pool_lock);
    if (gb_stack_pool_count > 0) stack = gb_stack_pool[--gb_stack_pool_count];
    pthread_mutex_unlock(&gb_stack_pool_lock);
    if (stack != NULL) return stack;
    stack = mmap(NULL, GB_FIBER_STACK, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) abort();
    // A guard page below the stack turns an overflow into a fault, as a pthread's does.
    mprotect(stack, (size_t)sysconf(_SC_PAGESIZE), PROT_NONE);
    return stack;
}

static void gb_stack_give_back(void *stack) {
    pthread_mutex_lock(&gb_stack_pool_lock);
    if (gb_stack_pool_count < GB_FIBER_POOL) {
        gb_stack_pool[gb_stack_pool_count++] = stack;
        stack = NULL;
    }
    pthread_mutex_unlock(&gb_stack_pool_lock);
    if (stack != NULL) munmap(stack, GB_FIBER_STACK);
}

static void gb_fiber_entry(void) {
    gb_fiber *self = gb_arriving;
    swift_task_enterThreadLocalContext((char *)self->exclusivity);
    gb_fiber *next = self->body(self->argument);
    gb_fiber_switch(self, next);
    // An ended fiber is never switched to again; coming back here is a broken machine.
    abort();
}

#if defined(__x86_64__)
// gb_fiber_jump(save, load): pushes the registers the System V ABI has a callee keep (rbx,
// rbp, r12-r15, and the SSE and x87 control words), stores the stack pointer in *save, takes
// `load` as the stack pointer and pops the same from it, returning into the other fiber. This
// is glibc's swapcontext without the signal-mask system call the simulator has no use for
// (every fiber runs on one host thread with one mask).
void gb_fiber_jump(void **save, void *load);
__asm__(
    ".text\n"
    ".p2align 4\n"
    ".globl gb_fiber_jump\n"
    ".hidden gb_fiber_jump\n"
    ".type gb_fiber_jump, @function\n"
    "gb_fiber_jump:\n"
    "    pushq %rbp\n"
    "    pushq %rbx\n"
    "    pushq %r12\n"
    "    pushq %r13\n"
    "    pushq %r14\n"
    "    pushq %r15\n"
    "    subq $8, %rsp\n"
    "    stmxcsr (%rsp)\n"
    "    fnstcw 4(%rsp)\n"
    "    movq %rsp, (%rdi)\n"
    "    movq %rsi, %rsp\n"
    "    ldmxcsr (%rsp)\n"
    "    fldcw 4(%rsp)\n"
    "    addq $8, %rsp\n"
    "    popq %r15\n"
    "    popq %r14\n"
    "    popq %r13\n"
    "    popq %r12\n"
    "    popq %rbx\n"
    "    popq %rbp\n"
    "    ret\n"
    ".size gb_fiber_jump, .-gb_fiber_jump\n");

/// A new stack laid out as gb_fiber_jump leaves a suspended one: default control words, zero
/// registers (a zero frame pointer ends every backtrace there), then gb_fiber_entry as the
/// return address, above which a zero return address keeps the ABI's 16-byte alignment at
/// the entry, as if it had been called.
static void gb_fiber_prepare(gb_fiber *fiber) {
    uintptr_t *top = (uintptr_t *)((char *)fiber->stack + GB_FIBER_STACK);
    *--top = 0;
    *--top = (uintptr_t)gb_fiber_entry;
    for (int saved = 0; saved < 6; saved++) *--top = 0;
    *--top = (uintptr_t)0x037F << 32 | 0x1F80;
    fiber->saved = top;
}
#else
static void gb_fiber_prepare(gb_fiber *fiber) {
    if (getcontext(&fiber->context) != 0) abort();
    fiber->context.uc_stack.ss_sp = fiber->stack;
    fiber->context.uc_stack.ss_size = GB_FIBER_STACK;
    fiber->context.uc_link = NULL;
    makecontext(&fiber->context, gb_fiber_entry, 0);
}
#endif

gb_fiber *gb_fiber_for_host_thread(void) {
    gb_fiber *fiber = calloc(1, sizeof *fiber);
    if (fiber == NULL) abort();
    return fiber;
}

gb_fiber *gb_fiber_new(gb_fiber *(*body)(void *), void *argument) {
    gb_fiber *fiber = calloc(1, sizeof *fiber);
    if (fiber == NULL) abort();
    fiber->body = body;
    fiber->argument = argument;
    fiber->stack = gb_stack_take();
    gb_fiber_prepare(fiber);
    return fiber;
}

void gb_fiber_switch(gb_fiber *from, gb_fiber *to) {
    swift_task_exitThreadLocalContext((char *)from->exclusivity);
    gb_arriving = to;
#if defined(__x86_64__)
    gb_fiber_jump(&from->saved, to->saved);
#else
    if (swapcontext(&from->context, &to->context) != 0) abort();
#endif
    swift_task_enterThreadLocalContext((char *)from->exclusivity);
}

void gb_fiber_free(gb_fiber *fiber) {
    if (fiber->stack != NULL) gb_stack_give_back(fiber->stack);
    free(fiber);
}

unsigned long gb_thread_self(void) { return (unsigned long)pthread_self(); }
