// Host threads and parkers for the simulated machine (SimKernel). No logic beyond pthreads.
#include "CLinux.h"
#include <pthread.h>
#include <stdlib.h>

struct gb_parker {
    pthread_mutex_t mutex;
    pthread_cond_t condition;
    int flag;
};

struct gb_start {
    void (*body)(void *);
    void *context;
};

static void *gb_trampoline(void *argument) {
    struct gb_start start = *(struct gb_start *)argument;
    free(argument);
    start.body(start.context);
    return NULL;
}

int gb_thread_start(void (*body)(void *), void *context, unsigned long *thread_id) {
    struct gb_start *start = malloc(sizeof *start);
    if (start == NULL) return 12;
    start->body = body;
    start->context = context;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, 16u << 20);
    pthread_t thread;
    int result = pthread_create(&thread, &attributes, gb_trampoline, start);
    pthread_attr_destroy(&attributes);
    if (result != 0) free(start);
    else *thread_id = (unsigned long)thread;
    return result;
}

void gb_thread_join(unsigned long thread) { pthread_join((pthread_t)thread, NULL); }

unsigned long gb_thread_self(void) { return (unsigned long)pthread_self(); }

void gb_thread_exit(void) { pthread_exit(NULL); }

gb_parker *gb_parker_new(void) {
    gb_parker *parker = calloc(1, sizeof *parker);
    if (parker == NULL) abort();
    pthread_mutex_init(&parker->mutex, NULL);
    pthread_cond_init(&parker->condition, NULL);
    return parker;
}

void gb_parker_park(gb_parker *parker) {
    pthread_mutex_lock(&parker->mutex);
    while (!parker->flag) pthread_cond_wait(&parker->condition, &parker->mutex);
    parker->flag = 0;
    pthread_mutex_unlock(&parker->mutex);
}

void gb_parker_unpark(gb_parker *parker) {
    pthread_mutex_lock(&parker->mutex);
    parker->flag = 1;
    pthread_cond_signal(&parker->condition);
    pthread_mutex_unlock(&parker->mutex);
}

void gb_parker_free(gb_parker *parker) {
    pthread_mutex_destroy(&parker->mutex);
    pthread_cond_destroy(&parker->condition);
    free(parker);
}
