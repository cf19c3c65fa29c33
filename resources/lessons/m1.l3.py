"""m1.l3 What threads are: workers compute in the background and leave results in globals."""
import random
import threading

random.seed(1)
numbers = [random.randint(1, 100) for _ in range(30_000)]
to_sort = [random.randint(1, 100) for _ in range(10)]

sum_even = None
sum_odd = None


def add_even():
    global sum_even
    sum_even = sum(n for n in numbers if n % 2 == 0)


def add_odd():
    global sum_odd
    sum_odd = sum(n for n in numbers if n % 2 == 1)


def sort_in_place(lst):
    lst.sort()                       # the list is shared by reference: main sees it sorted


workers = [threading.Thread(target=add_even, name="sum_even"),
           threading.Thread(target=add_odd, name="sum_odd"),
           threading.Thread(target=sort_in_place, args=(to_sort,), name="sorter")]
for w in workers:
    w.start()                        # returns at once
print("started:", [w.name for w in workers])
for w in workers:
    w.join()                         # only now are the results safe to read
print("sum_even =", sum_even, "sum_odd =", sum_odd, "total ok:", sum_even + sum_odd == sum(numbers))
print("sorted:", to_sort == sorted(to_sort), to_sort)
