<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>Lesson</name>
    <message>
        <source>The same I/O waits run sequentially on MainThread, then one thread each: the waits overlap.</source>
        <translation>Одни и те же ожидания ввода-вывода сначала идут по очереди в MainThread, затем каждое в своём потоке: ожидания перекрываются.</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>задач</translation>
    </message>
    <message>
        <source>Wait per task</source>
        <translation>Ожидание на задачу</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>мс</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Режим</translation>
    </message>
    <message>
        <source>Threads overlap their waits, but under the GIL their computation takes turns.</source>
        <translation>Потоки совмещают ожидания, но под GIL их вычисления идут по очереди.</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Потоки</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Нагрузка</translation>
    </message>
    <message>
        <source>Work per thread</source>
        <translation>Работа на поток</translation>
    </message>
    <message>
        <source>Workers write their sums into shared slots; main reads them only after join().</source>
        <translation>Рабочие потоки пишут суммы в общие ячейки; главный поток читает их только после join().</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Рабочие потоки</translation>
    </message>
    <message>
        <source>Work per worker</source>
        <translation>Работа на рабочий поток</translation>
    </message>
    <message>
        <source>Pause between starts</source>
        <translation>Пауза между запусками</translation>
    </message>
    <message>
        <source>MainThread renames itself, ends its script, and waits at shutdown for a non-daemon worker.</source>
        <translation>MainThread переименовывает себя, доходит до конца сценария и при завершении ждёт рабочий поток, не являющийся демоном.</translation>
    </message>
    <message>
        <source>Worker runs for</source>
        <translation>Рабочий поток работает</translation>
    </message>
    <message>
        <source>Worker is a daemon</source>
        <translation>Рабочий поток — демон</translation>
    </message>
    <message>
        <source>Rename MainThread to</source>
        <translation>Переименовать MainThread в</translation>
    </message>
    <message>
        <source>Main learns that two printers are done through join, an Event, a Queue, or busy polling.</source>
        <translation>Главный поток узнаёт, что два принтера закончили, через join, Event, Queue или активный опрос.</translation>
    </message>
    <message>
        <source>A: prints</source>
        <translation>A: печатает раз</translation>
    </message>
    <message>
        <source>A: period</source>
        <translation>A: период</translation>
    </message>
    <message>
        <source>B: prints</source>
        <translation>B: печатает раз</translation>
    </message>
    <message>
        <source>B: period</source>
        <translation>B: период</translation>
    </message>
    <message>
        <source>How main waits</source>
        <translation>Как ждёт главный поток</translation>
    </message>
    <message>
        <source>Poll: work between checks</source>
        <translation>Опрос: работа между проверками</translation>
    </message>
    <message>
        <source>Main joins two printers in either order; the total wait is the same. join(timeout) may return early.</source>
        <translation>Главный поток ждёт два принтера (join) в любом порядке — общее ожидание то же. join(timeout) может вернуться раньше.</translation>
    </message>
    <message>
        <source>Join order</source>
        <translation>Порядок join</translation>
    </message>
    <message>
        <source>Named threads: an is-alive probe, ten named workers, and a load/process/save pipeline per file.</source>
        <translation>Именованные потоки: проверка is_alive, десять именованных рабочих потоков и конвейер «загрузить/обработать/сохранить» для каждого файла.</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Программа</translation>
    </message>
    <message>
        <source>Workers (workers demo)</source>
        <translation>Рабочие потоки (пример workers)</translation>
    </message>
    <message>
        <source>Name prefix</source>
        <translation>Префикс имени</translation>
    </message>
    <message>
        <source>Stage length</source>
        <translation>Длительность этапа</translation>
    </message>
    <message>
        <source>Files (pipeline)</source>
        <translation>Файлы (конвейер)</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Этапы</translation>
    </message>
    <message>
        <source>Missions report their attributes before start, after start and after join, and rename themselves.</source>
        <translation>Миссии сообщают свои атрибуты до start, после start и после join и переименовывают себя.</translation>
    </message>
    <message>
        <source>Missions</source>
        <translation>Миссии</translation>
    </message>
    <message>
        <source>Mission length (±50%)</source>
        <translation>Длительность миссии (±50%)</translation>
    </message>
    <message>
        <source>Daemon threads</source>
        <translation>Потоки-демоны</translation>
    </message>
    <message>
        <source>threading.local() keeps one value per thread; a plain global is overwritten by the last writer.</source>
        <translation>threading.local() хранит своё значение в каждом потоке; обычную глобальную переменную перезаписывает последний писатель.</translation>
    </message>
    <message>
        <source>Wait after writing (× position)</source>
        <translation>Ожидание после записи (× номер)</translation>
    </message>
    <message>
        <source>Extra wait before reading</source>
        <translation>Дополнительное ожидание перед чтением</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Хранилище</translation>
    </message>
    <message>
        <source>Appends never get lost; counter += 1 split into LOAD and STORE loses updates unless locked.</source>
        <translation>append ничего не теряет; counter += 1, разбитый на LOAD и STORE, теряет обновления без блокировки.</translation>
    </message>
    <message>
        <source>Operations per thread</source>
        <translation>Операций на поток</translation>
    </message>
    <message>
        <source>Between LOAD and STORE</source>
        <translation>Между LOAD и STORE</translation>
    </message>
    <message>
        <source>Fix: guard += with a Lock</source>
        <translation>Исправление: защитить += блокировкой</translation>
    </message>
    <message>
        <source>Each Timer raises the bid and arms the next one until the maximum; cancel() stops a waiting timer.</source>
        <translation>Каждый Timer повышает ставку и заводит следующий, пока не дойдёт до максимума; cancel() останавливает ждущий таймер.</translation>
    </message>
    <message>
        <source>Timer interval</source>
        <translation>Интервал таймера</translation>
    </message>
    <message>
        <source>Raises</source>
        <translation>Повышений</translation>
    </message>
    <message>
        <source>Final bid</source>
        <translation>Итоговая ставка</translation>
    </message>
    <message>
        <source>Cancel the current timer at (-1 = never)</source>
        <translation>Отменить текущий таймер на (-1 = никогда)</translation>
    </message>
    <message>
        <source>Timers probe active_count() and enumerate() while flights of random length come and go.</source>
        <translation>Таймеры опрашивают active_count() и enumerate(), пока рейсы случайной длительности начинаются и заканчиваются.</translation>
    </message>
    <message>
        <source>Flights</source>
        <translation>Рейсы</translation>
    </message>
    <message>
        <source>Shortest flight</source>
        <translation>Самый короткий рейс</translation>
    </message>
    <message>
        <source>Longest flight</source>
        <translation>Самый долгий рейс</translation>
    </message>
    <message>
        <source>First probe at</source>
        <translation>Первый опрос на</translation>
    </message>
    <message>
        <source>Second probe at</source>
        <translation>Второй опрос на</translation>
    </message>
    <message>
        <source>Reusable workers fed from a queue: submit everything then gather, or wait for each (a staircase).</source>
        <translation>Повторно используемые рабочие потоки берут задачи из очереди: отправить всё и собрать, или ждать каждую (лесенка).</translation>
    </message>
    <message>
        <source>Task length</source>
        <translation>Длительность задачи</translation>
    </message>
    <message>
        <source>Constructor options and the with block: no threads until the first submit; the exit waits for every task.</source>
        <translation>Параметры конструктора и блок with: потоков нет до первого submit; выход из блока ждёт все задачи.</translation>
    </message>
    <message>
        <source>Tasks (lists)</source>
        <translation>Задачи (списки)</translation>
    </message>
    <message>
        <source>Items per list</source>
        <translation>Элементов в списке</translation>
    </message>
    <message>
        <source>Pause per item</source>
        <translation>Пауза на элемент</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Элементы</translation>
    </message>
    <message>
        <source>Task length (varies ×0.3–1.5)</source>
        <translation>Длительность задачи (разброс ×0,3–1,5)</translation>
    </message>
    <message>
        <source>Item that raises (-1 = none)</source>
        <translation>Элемент с исключением (-1 = нет)</translation>
    </message>
    <message>
        <source>result() timeout</source>
        <translation>Тайм-аут result()</translation>
    </message>
    <message>
        <source>Bucket sort with executor.map over two zipped iterables: results in bucket order, sorted in place.</source>
        <translation>Блочная сортировка через executor.map по двум сцепленным (zip) последовательностям: результаты в порядке блоков, каждый отсортирован на месте.</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Числа</translation>
    </message>
    <message>
        <source>Buckets</source>
        <translation>Блоки</translation>
    </message>
    <message>
        <source>wait(timeout, return_when) splits the futures into done and not_done; the with-exit waits for the rest.</source>
        <translation>wait(timeout, return_when) делит futures на done и not_done; выход из with дожидается остальных.</translation>
    </message>
    <message>
        <source>wait() timeout</source>
        <translation>Тайм-аут wait()</translation>
    </message>
    <message>
        <source>Task 1 raises</source>
        <translation>Задача 1 выбрасывает исключение</translation>
    </message>
    <message>
        <source>One initializer call per worker sets a thread-local counter; a failing initializer breaks the pool.</source>
        <translation>Инициализатор вызывается один раз на рабочий поток и заводит счётчик в его локальных данных; сбой инициализатора ломает пул.</translation>
    </message>
    <message>
        <source>Initializer length</source>
        <translation>Длительность инициализатора</translation>
    </message>
    <message>
        <source>Initializer fails on worker (-1 = none)</source>
        <translation>Инициализатор падает на рабочем потоке (-1 = нигде)</translation>
    </message>
    <message>
        <source>shutdown(wait, cancel_futures), a refused late submit, and as_completed in finish order.</source>
        <translation>shutdown(wait, cancel_futures), отказ на поздний submit и as_completed в порядке завершения.</translation>
    </message>
    <message>
        <source>Task length per value unit</source>
        <translation>Длительность задачи на единицу значения</translation>
    </message>
    <message>
        <source>Submit after shutdown</source>
        <translation>submit после shutdown</translation>
    </message>
    <message>
        <source>Wall time against max_workers: a staircase for I/O, a flat line for CPU work under the GIL.</source>
        <translation>Общее время в зависимости от max_workers: лесенка для ввода-вывода, ровная линия для вычислений под GIL.</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Сообщения</translation>
    </message>
    <message>
        <source>A benchmark over pool sizes 1, 2, 4…: I/O speeds up until W reaches the task count, CPU does not.</source>
        <translation>Замер на пулах размером 1, 2, 4…: ввод-вывод ускоряется, пока W не достигнет числа задач, вычисления — нет.</translation>
    </message>
    <message>
        <source>Largest pool size</source>
        <translation>Наибольший размер пула</translation>
    </message>
    <message>
        <source>Repetitions</source>
        <translation>Повторов</translation>
    </message>
    <message>
        <source>Guard print() with a lock</source>
        <translation>Защитить print() блокировкой</translation>
    </message>
    <message>
        <source>A pool of blocked threads beside a one-thread event loop whose coroutines switch only at await.</source>
        <translation>Пул заблокированных потоков рядом с однопоточным циклом событий, где сопрограммы переключаются только на await.</translation>
    </message>
    <message>
        <source>I/O wait</source>
        <translation>Ожидание ввода-вывода</translation>
    </message>
    <message>
        <source>Pool workers</source>
        <translation>Рабочие потоки пула</translation>
    </message>
    <message>
        <source>Bug: time.sleep inside a coroutine</source>
        <translation>Ошибка: time.sleep внутри сопрограммы</translation>
    </message>
    <message>
        <source>Fix: asyncio.to_thread for the blocking call</source>
        <translation>Исправление: asyncio.to_thread для блокирующего вызова</translation>
    </message>
    <message>
        <source>asyncio.Semaphore limit (0 = none)</source>
        <translation>Предел asyncio.Semaphore (0 = без предела)</translation>
    </message>
    <message>
        <source>Twenty downloads on a pool; at a deadline only the futures already done are summed</source>
        <translation>Двадцать загрузок в пуле; к сроку суммируются только уже завершённые futures</translation>
    </message>
    <message>
        <source>Shortest download</source>
        <translation>Самая короткая загрузка</translation>
    </message>
    <message>
        <source>Longest download</source>
        <translation>Самая долгая загрузка</translation>
    </message>
    <message>
        <source>wait() deadline</source>
        <translation>Срок wait()</translation>
    </message>
    <message>
        <source>Probability of a zero factor (ValueError)</source>
        <translation>Вероятность нулевого множителя (ValueError)</translation>
    </message>
    <message>
        <source>A Future completed by hand: every consumer blocked in result() wakes with the same outcome</source>
        <translation>Future, завершаемый вручную: каждый потребитель, заблокированный в result(), просыпается с одним и тем же итогом</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>Потребители</translation>
    </message>
    <message>
        <source>Producer completes it after</source>
        <translation>Производитель завершает его через</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Итог</translation>
    </message>
    <message>
        <source>result() blocks, done()/running()/cancelled() do not; results come in submission order</source>
        <translation>result() блокирует, done()/running()/cancelled() — нет; результаты приходят в порядке отправки</translation>
    </message>
    <message>
        <source>Task duration</source>
        <translation>Длительность задачи</translation>
    </message>
    <message>
        <source>Workers (0 = Python&apos;s default)</source>
        <translation>Рабочие потоки (0 = по умолчанию в Python)</translation>
    </message>
    <message>
        <source>PENDING, RUNNING, FINISHED or CANCELLED: fewer workers than tasks, some cancelled, some failing</source>
        <translation>PENDING, RUNNING, FINISHED или CANCELLED: рабочих потоков меньше, чем задач, часть отменена, часть падает</translation>
    </message>
    <message>
        <source>Cancel every k-th task (0 = none)</source>
        <translation>Отменять каждую k-ю задачу (0 = ни одной)</translation>
    </message>
    <message>
        <source>Every k-th task fails (0 = none)</source>
        <translation>Каждая k-я задача падает (0 = ни одна)</translation>
    </message>
    <message>
        <source>Main polls done()/running() on a tick while 30 searches run; callbacks always see done()</source>
        <translation>Главный поток по таймеру опрашивает done()/running(), пока идут 30 поисков; обратные вызовы всегда видят done()</translation>
    </message>
    <message>
        <source>Poll every</source>
        <translation>Опрос каждые</translation>
    </message>
    <message>
        <source>Callbacks run on the worker or on main, depending on a race; a raising callback is logged and skipped</source>
        <translation>Обратные вызовы выполняются в рабочем или в главном потоке — как сложится гонка; упавший обратный вызов записывается в журнал и пропускается</translation>
    </message>
    <message>
        <source>Longest task</source>
        <translation>Самая долгая задача</translation>
    </message>
    <message>
        <source>Delay before add_done_callback</source>
        <translation>Задержка перед add_done_callback</translation>
    </message>
    <message>
        <source>Callbacks per future</source>
        <translation>Обратных вызовов на future</translation>
    </message>
    <message>
        <source>The first callback raises</source>
        <translation>Первый обратный вызов выбрасывает исключение</translation>
    </message>
    <message>
        <source>Items in stock</source>
        <translation>Товаров на складе</translation>
    </message>
    <message>
        <source>items</source>
        <translation>шт.</translation>
    </message>
    <message>
        <source>Bug: update the stock without the lock</source>
        <translation>Ошибка: обновлять склад без блокировки</translation>
    </message>
    <message>
        <source>A task&apos;s exception is stored in its Future and re-raised by result(); the worker survives</source>
        <translation>Исключение задачи сохраняется в её Future и снова выбрасывается из result(); рабочий поток продолжает жить</translation>
    </message>
    <message>
        <source>Failure probability</source>
        <translation>Вероятность сбоя</translation>
    </message>
    <message>
        <source>cancel() works only on pending futures: running ones refuse, cancelled ones never reach a worker</source>
        <translation>cancel() действует только на ожидающие futures: выполняющиеся отказываются, отменённые так и не попадают к рабочему потоку</translation>
    </message>
    <message>
        <source>Cancel which</source>
        <translation>Что отменять</translation>
    </message>
    <message>
        <source>Cancel after</source>
        <translation>Отменить через</translation>
    </message>
    <message>
        <source>The same items through Queue, LifoQueue and PriorityQueue come out in three different orders</source>
        <translation>Одни и те же элементы выходят из Queue, LifoQueue и PriorityQueue в трёх разных порядках</translation>
    </message>
    <message>
        <source>Fill the queues before draining</source>
        <translation>Заполнить очереди перед выборкой</translation>
    </message>
    <message>
        <source>Time to produce an item</source>
        <translation>Время на производство элемента</translation>
    </message>
    <message>
        <source>Time to consume an item</source>
        <translation>Время на обработку элемента</translation>
    </message>
    <message>
        <source>Producer: one item every</source>
        <translation>Производитель: элемент каждые</translation>
    </message>
    <message>
        <source>Consumer: time per item</source>
        <translation>Потребитель: время на элемент</translation>
    </message>
    <message>
        <source>maxsize (0 = unbounded)</source>
        <translation>maxsize (0 = без ограничения)</translation>
    </message>
    <message>
        <source>A stack: filled first it pops in reverse; with a concurrent producer only the items present count</source>
        <translation>Стек: заполненный заранее, отдаёт элементы в обратном порядке; при одновременном производителе важны только те, что уже лежат</translation>
    </message>
    <message>
        <source>Producer keeps putting while consumers pop</source>
        <translation>Производитель кладёт, пока потребители забирают</translation>
    </message>
    <message>
        <source>A bounded priority queue: the producer blocks when full; each get takes the most urgent job present</source>
        <translation>Ограниченная очередь с приоритетом: производитель блокируется, когда она полна; каждый get берёт самую срочную из имеющихся работ</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Работы</translation>
    </message>
    <message>
        <source>maxsize</source>
        <translation>maxsize (ёмкость)</translation>
    </message>
    <message>
        <source>Work per priority point</source>
        <translation>Работа на единицу приоритета</translation>
    </message>
    <message>
        <source>Producer: one job every</source>
        <translation>Производитель: работа каждые</translation>
    </message>
    <message>
        <source>A warehouse Queue fills up: block, retry on queue.Full, or (bug) check full() and drop the item</source>
        <translation>Очередь-склад заполняется: ждать, повторять при queue.Full или (ошибка) проверять full() и выбрасывать товар</translation>
    </message>
    <message>
        <source>Warehouse size (maxsize)</source>
        <translation>Размер склада (maxsize)</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Поставки</translation>
    </message>
    <message>
        <source>A delivery every</source>
        <translation>Поставка каждые</translation>
    </message>
    <message>
        <source>A sale every</source>
        <translation>Продажа каждые</translation>
    </message>
    <message>
        <source>When the warehouse is full</source>
        <translation>Когда склад полон</translation>
    </message>
    <message>
        <source>put/get timeout</source>
        <translation>Тайм-аут put/get</translation>
    </message>
    <message>
        <source>Bug: check full() and drop the delivery</source>
        <translation>Ошибка: проверять full() и выбрасывать поставку</translation>
    </message>
    <message>
        <source>Cooks (threads)</source>
        <translation>Повара (потоки)</translation>
    </message>
    <message>
        <source>Dishes per cook</source>
        <translation>Блюд на повара</translation>
    </message>
    <message>
        <source>Baking time (critical section)</source>
        <translation>Время выпекания (критическая секция)</translation>
    </message>
    <message>
        <source>Ovens (locks)</source>
        <translation>Печи (блокировки)</translation>
    </message>
    <message>
        <source>How a cook takes an oven</source>
        <translation>Как повар занимает печь</translation>
    </message>
    <message>
        <source>Timeout of a timed acquire</source>
        <translation>Тайм-аут acquire с ограничением</translation>
    </message>
    <message>
        <source>Nested methods re-acquire the account lock: an RLock counts, a plain Lock deadlocks on itself</source>
        <translation>Вложенные методы повторно захватывают блокировку счёта: RLock считает захваты, а обычный Lock блокирует сам себя</translation>
    </message>
    <message>
        <source>Tellers (threads)</source>
        <translation>Кассиры (потоки)</translation>
    </message>
    <message>
        <source>Nesting depth (re-acquisitions)</source>
        <translation>Глубина вложенности (повторные захваты)</translation>
    </message>
    <message>
        <source>Lock type</source>
        <translation>Тип блокировки</translation>
    </message>
    <message>
        <source>Bank clients wait for the cashier&apos;s Event; never cleared, it lets every later client straight through</source>
        <translation>Клиенты банка ждут Event кассира; если его не сбрасывать, все следующие клиенты проходят сразу</translation>
    </message>
    <message>
        <source>Clients (waiting threads)</source>
        <translation>Клиенты (ждущие потоки)</translation>
    </message>
    <message>
        <source>A client arrives every</source>
        <translation>Клиент приходит каждые</translation>
    </message>
    <message>
        <source>First set() at</source>
        <translation>Первый set() на</translation>
    </message>
    <message>
        <source>Service time</source>
        <translation>Время обслуживания</translation>
    </message>
    <message>
        <source>Events awaited in turn</source>
        <translation>Событий, ожидаемых по очереди</translation>
    </message>
    <message>
        <source>Producers</source>
        <translation>Производители</translation>
    </message>
    <message>
        <source>Buffer capacity</source>
        <translation>Ёмкость буфера</translation>
    </message>
    <message>
        <source>Items per producer</source>
        <translation>Элементов на производителя</translation>
    </message>
    <message>
        <source>Wake after each change</source>
        <translation>Будить после каждого изменения</translation>
    </message>
    <message>
        <source>Re-check the predicate with</source>
        <translation>Перепроверять условие через</translation>
    </message>
    <message>
        <source>Cars share a few parking places; an extra release grows a plain semaphore, a bounded one raises</source>
        <translation>Машины делят несколько парковочных мест; лишний release увеличивает обычный семафор, а ограниченный выбрасывает исключение</translation>
    </message>
    <message>
        <source>Cars (threads)</source>
        <translation>Машины (потоки)</translation>
    </message>
    <message>
        <source>Parking places (permits)</source>
        <translation>Парковочные места (разрешения)</translation>
    </message>
    <message>
        <source>Shortest stay</source>
        <translation>Самая короткая стоянка</translation>
    </message>
    <message>
        <source>Longest stay</source>
        <translation>Самая долгая стоянка</translation>
    </message>
    <message>
        <source>Bug: one car releases twice</source>
        <translation>Ошибка: одна машина освобождает место дважды</translation>
    </message>
    <message>
        <source>Tasks check a shared stop Event between chunks; pending futures are cancelled, running ones finish a chunk</source>
        <translation>Задачи проверяют общий Event остановки между порциями работы; ожидающие futures отменяются, выполняющиеся доделывают порцию</translation>
    </message>
    <message>
        <source>Chunk duration</source>
        <translation>Длительность порции</translation>
    </message>
    <message>
        <source>Chunks per task</source>
        <translation>Порций на задачу</translation>
    </message>
    <message>
        <source>Stop at</source>
        <translation>Остановить на</translation>
    </message>
    <message>
        <source>Check the event every</source>
        <translation>Проверять событие каждые</translation>
    </message>
    <message>
        <source>chunks</source>
        <translation>порций</translation>
    </message>
    <message>
        <source>One task raises: FIRST_EXCEPTION or a shared error Event stops the rest; pending ones are cancelled</source>
        <translation>Одна задача выбрасывает исключение: FIRST_EXCEPTION или общий Event ошибки останавливает остальные; ожидающие отменяются</translation>
    </message>
    <message>
        <source>Failing task (-1 = random)</source>
        <translation>Падающая задача (-1 = случайная)</translation>
    </message>
    <message>
        <source>It fails after</source>
        <translation>Падает через</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Стратегия</translation>
    </message>
    <message>
        <source>Runners meet at a Barrier after every lap; a timeout, abort or failing action breaks it for everyone</source>
        <translation>Бегуны встречаются у Barrier после каждого круга; тайм-аут, abort или сбой действия ломают его для всех</translation>
    </message>
    <message>
        <source>Runners (parties)</source>
        <translation>Бегуны (parties)</translation>
    </message>
    <message>
        <source>Laps (phases)</source>
        <translation>Круги (фазы)</translation>
    </message>
    <message>
        <source>Longest lap</source>
        <translation>Самый долгий круг</translation>
    </message>
    <message>
        <source>Barrier action</source>
        <translation>Действие барьера</translation>
    </message>
    <message>
        <source>Many threads fight for one lock: the lock is held nearly all the time and lanes mostly wait.</source>
        <translation>Много потоков борются за одну блокировку: она почти всё время занята, и дорожки в основном ждут.</translation>
    </message>
    <message>
        <source>Critical section</source>
        <translation>Критическая секция</translation>
    </message>
    <message>
        <source>Work outside the lock</source>
        <translation>Работа вне блокировки</translation>
    </message>
    <message>
        <source>Iterations per thread</source>
        <translation>Итераций на поток</translation>
    </message>
    <message>
        <source>I/O while holding the lock (bug)</source>
        <translation>Ввод-вывод под блокировкой (ошибка)</translation>
    </message>
    <message>
        <source>A dict split over S stripe locks: updates to different stripes run side by side.</source>
        <translation>Словарь, разбитый на S полос со своими блокировками: обновления разных полос идут параллельно.</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Ключи</translation>
    </message>
    <message>
        <source>Stripes (locks)</source>
        <translation>Полосы (блокировки)</translation>
    </message>
    <message>
        <source>Update duration</source>
        <translation>Длительность обновления</translation>
    </message>
    <message>
        <source>Updates per thread</source>
        <translation>Обновлений на поток</translation>
    </message>
    <message>
        <source>Global sum every N updates (0 = never)</source>
        <translation>Общая сумма каждые N обновлений (0 = никогда)</translation>
    </message>
    <message>
        <source>Inconsistent stripe order in the global op (bug: deadlock)</source>
        <translation>Разный порядок полос в общей операции (ошибка: взаимная блокировка)</translation>
    </message>
    <message>
        <source>Independent counters: one coarse lock serializes everyone, one lock per counter does not.</source>
        <translation>Независимые счётчики: одна общая блокировка выстраивает всех в очередь, блокировка на каждый счётчик — нет.</translation>
    </message>
    <message>
        <source>Counters</source>
        <translation>Счётчики</translation>
    </message>
    <message>
        <source>Locking</source>
        <translation>Блокирование</translation>
    </message>
    <message>
        <source>Two locks taken in opposite orders: blocking deadlocks, try + exponential backoff succeeds.</source>
        <translation>Две блокировки берутся в противоположном порядке: блокирующий захват приводит к взаимной блокировке, попытка с экспоненциальной задержкой — к успеху.</translation>
    </message>
    <message>
        <source>Base delay</source>
        <translation>Начальная задержка</translation>
    </message>
    <message>
        <source>Backoff factor</source>
        <translation>Множитель задержки</translation>
    </message>
    <message>
        <source>Maximum delay</source>
        <translation>Наибольшая задержка</translation>
    </message>
    <message>
        <source>Random jitter</source>
        <translation>Случайный разброс</translation>
    </message>
    <message>
        <source>Max retries</source>
        <translation>Наибольшее число повторов</translation>
    </message>
    <message>
        <source>Work with both locks</source>
        <translation>Работа с обеими блокировками</translation>
    </message>
    <message>
        <source>Retry with</source>
        <translation>Повторять через</translation>
    </message>
    <message>
        <source>Blocking acquire, no backoff (bug: deadlock)</source>
        <translation>Блокирующий acquire без задержки (ошибка: взаимная блокировка)</translation>
    </message>
    <message>
        <source>Acquire/release costs even without contention: per-op locking vs per-batch locking, measured.</source>
        <translation>acquire/release стоят времени даже без конкуренции: замер блокировки на каждую операцию против блокировки на пакет.</translation>
    </message>
    <message>
        <source>Increments</source>
        <translation>Увеличений</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Размер пакета</translation>
    </message>
    <message>
        <source>The same downloads one after another, then on a thread pool: the waits overlap.</source>
        <translation>Одни и те же загрузки сначала по очереди, затем в пуле потоков: ожидания перекрываются.</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Файлы</translation>
    </message>
    <message>
        <source>Minimum latency</source>
        <translation>Наименьшая задержка</translation>
    </message>
    <message>
        <source>Maximum latency</source>
        <translation>Наибольшая задержка</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Размер файла</translation>
    </message>
    <message>
        <source>KB</source>
        <translation>КБ</translation>
    </message>
    <message>
        <source>Each task downloads and saves one file; main reports progress in completion order.</source>
        <translation>Каждая задача загружает и сохраняет один файл; главный поток сообщает о ходе работы в порядке завершения.</translation>
    </message>
    <message>
        <source>Largest file</source>
        <translation>Самый большой файл</translation>
    </message>
    <message>
        <source>Chunk size</source>
        <translation>Размер порции</translation>
    </message>
    <message>
        <source>Disk write time</source>
        <translation>Время записи на диск</translation>
    </message>
    <message>
        <source>One lock around every download (bug)</source>
        <translation>Одна блокировка вокруг каждой загрузки (ошибка)</translation>
    </message>
    <message>
        <source>Some downloads fail: bounded retries with backoff, and no exception is silently lost.</source>
        <translation>Часть загрузок падает: ограниченные повторы с задержкой, и ни одно исключение не теряется молча.</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Повторы</translation>
    </message>
    <message>
        <source>Retry backoff</source>
        <translation>Задержка перед повтором</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>Обработка</translation>
    </message>
    <message>
        <source>An unlocked read-modify-write loses increments; a lock makes the counter exact.</source>
        <translation>Чтение-изменение-запись без блокировки теряет увеличения; с блокировкой счётчик точен.</translation>
    </message>
    <message>
        <source>Increments per thread</source>
        <translation>Увеличений на поток</translation>
    </message>
    <message>
        <source>Race window</source>
        <translation>Окно гонки</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Счётчик</translation>
    </message>
    <message>
        <source>print() writes its pieces separately: lines mix unless printing is locked or one write.</source>
        <translation>print() пишет части строки по отдельности: строки перемешиваются, если печать не под блокировкой и не одной записью.</translation>
    </message>
    <message>
        <source>Lines per thread</source>
        <translation>Строк на поток</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Печать</translation>
    </message>
    <message>
        <source>Handlers serialize emit() with their lock; a QueueListener moves all writes to one lane.</source>
        <translation>Обработчики выстраивают emit() в очередь своей блокировкой; QueueListener переносит все записи на одну дорожку.</translation>
    </message>
    <message>
        <source>Records per thread</source>
        <translation>Записей на поток</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Обработчик</translation>
    </message>
    <message>
        <source>d[w] = d.get(w, 0) + 1 from several threads loses counts; iterating while writing fails.</source>
        <translation>d[w] = d.get(w, 0) + 1 из нескольких потоков теряет подсчёты; перебор во время записи падает.</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>Слова</translation>
    </message>
    <message>
        <source>Updates in total</source>
        <translation>Обновлений всего</translation>
    </message>
    <message>
        <source>Dict access</source>
        <translation>Доступ к словарю</translation>
    </message>
    <message>
        <source>Iterate while threads write (bug)</source>
        <translation>Перебирать, пока потоки пишут (ошибка)</translation>
    </message>
    <message>
        <source>append is atomic; check-then-act on a list gives duplicates and IndexError races.</source>
        <translation>append атомарен; «проверить, потом действовать» со списком даёт дубликаты и гонки с IndexError.</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Операция</translation>
    </message>
    <message>
        <source>Lock around check-and-act</source>
        <translation>Блокировка вокруг проверки и действия</translation>
    </message>
    <message>
        <source>Unlocked multi-part writes break lines; a lock or a single writer thread keeps them whole.</source>
        <translation>Запись по частям без блокировки рвёт строки; блокировка или единственный пишущий поток сохраняют их целыми.</translation>
    </message>
    <message>
        <source>Line length</source>
        <translation>Длина строки</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>A plain flag is seen at the next loop check; Event.wait() reacts at once.</source>
        <translation>Обычный флаг замечают при следующей проверке в цикле; Event.wait() реагирует сразу.</translation>
    </message>
    <message>
        <source>Loop period</source>
        <translation>Период цикла</translation>
    </message>
    <message>
        <source>Flip at</source>
        <translation>Переключить на</translation>
    </message>
    <message>
        <source>Stop signal</source>
        <translation>Сигнал остановки</translation>
    </message>
    <message>
        <source>CPU tasks run in parallel in real worker processes, one lane per pid</source>
        <translation>Вычислительные задачи выполняются параллельно в настоящих рабочих процессах, по дорожке на pid</translation>
    </message>
    <message>
        <source>Worker processes</source>
        <translation>Рабочие процессы</translation>
    </message>
    <message>
        <source>CPU work per task</source>
        <translation>Вычисления на задачу</translation>
    </message>
    <message>
        <source>maxtasksperchild (0 = None)</source>
        <translation>maxtasksperchild (0 = без ограничения)</translation>
    </message>
    <message>
        <source>apply() blocks the caller; calling it in a loop makes a staircase</source>
        <translation>apply() блокирует вызывающего; вызовы в цикле дают лесенку</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Вызовы</translation>
    </message>
    <message>
        <source>Task CPU work</source>
        <translation>Вычисления задачи</translation>
    </message>
    <message>
        <source>AsyncResult, callback/error_callback on the result-handler lane, get(timeout)</source>
        <translation>AsyncResult, callback/error_callback на дорожке обработчика результатов, get(timeout)</translation>
    </message>
    <message>
        <source>Failing task (-1 = none)</source>
        <translation>Падающая задача (-1 = нет)</translation>
    </message>
    <message>
        <source>chunks of the list go to the processes; results come back in order</source>
        <translation>порции списка уходят в процессы; результаты возвращаются по порядку</translation>
    </message>
    <message>
        <source>chunksize (0 = auto)</source>
        <translation>chunksize (0 = автоматически)</translation>
    </message>
    <message>
        <source>Mean CPU work per item</source>
        <translation>Средние вычисления на элемент</translation>
    </message>
    <message>
        <source>main stays free; one callback with the whole list, or one error_callback</source>
        <translation>главный поток свободен; один callback со всем списком или один error_callback</translation>
    </message>
    <message>
        <source>Failing item (-1 = none)</source>
        <translation>Падающий элемент (-1 = нет)</translation>
    </message>
    <message>
        <source>argument tuples are unpacked as f(*args)</source>
        <translation>кортежи аргументов распаковываются как f(*args)</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>Пары</translation>
    </message>
    <message>
        <source>tuples in, one callback with the ordered list out</source>
        <translation>на входе кортежи, на выходе один callback с упорядоченным списком</translation>
    </message>
    <message>
        <source>results are yielded lazily in input order</source>
        <translation>результаты выдаются лениво в порядке входа</translation>
    </message>
    <message>
        <source>chunksize</source>
        <translation>chunksize (размер порции)</translation>
    </message>
    <message>
        <source>results are yielded as chunks complete</source>
        <translation>результаты выдаются по мере готовности порций</translation>
    </message>
    <message>
        <source>the same tasks on a thread pool (one GIL) and on a process pool (a GIL each)</source>
        <translation>одни и те же задачи в пуле потоков (один GIL) и в пуле процессов (у каждого свой GIL)</translation>
    </message>
    <message>
        <source>Payload per task</source>
        <translation>Данные на задачу</translation>
    </message>
    <message>
        <source>Work per task</source>
        <translation>Работа на задачу</translation>
    </message>
    <message>
        <source>a decision tree: the answers pick the Pool method, which then runs</source>
        <translation>дерево решений: ответы выбирают метод Pool, который затем и выполняется</translation>
    </message>
    <message>
        <source>Several arguments</source>
        <translation>Несколько аргументов</translation>
    </message>
    <message>
        <source>Results in input order</source>
        <translation>Результаты в порядке входа</translation>
    </message>
    <message>
        <source>Main must not block</source>
        <translation>Главный поток не должен блокироваться</translation>
    </message>
    <message>
        <source>Huge or lazy input (stream it)</source>
        <translation>Огромный или ленивый вход (обрабатывать потоком)</translation>
    </message>
    <message>
        <source>one workload through all eight methods: first result, total time, main blocked</source>
        <translation>одна нагрузка через все восемь методов: первый результат, общее время, блокировка главного потока</translation>
    </message>
    <message>
        <source>a checklist: each practice switched off shows its symptom</source>
        <translation>список проверок: каждая отключённая практика показывает свой симптом</translation>
    </message>
    <message>
        <source>close() + join() before leaving the with block</source>
        <translation>close() + join() перед выходом из блока with</translation>
    </message>
    <message>
        <source>get() every async result</source>
        <translation>get() для каждого асинхронного результата</translation>
    </message>
    <message>
        <source>Set an error_callback</source>
        <translation>Задать error_callback</translation>
    </message>
    <message>
        <source>Keep callbacks short</source>
        <translation>Короткие обратные вызовы</translation>
    </message>
    <message>
        <source>a gallery of Pool mistakes, each with its signature on the timeline</source>
        <translation>галерея ошибок с Pool, у каждой свой след на временной шкале</translation>
    </message>
    <message>
        <source>Mistake</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>join() timeout (-1 = None)</source>
        <translation>Тайм-аут join() (-1 = None)</translation>
    </message>
    <message>
        <source>join(A) timeout (probe)</source>
        <translation>Тайм-аут join(A) (проверка)</translation>
    </message>
    <message>
        <source>wait() timeout (0 = None)</source>
        <translation>Тайм-аут wait() (0 = None)</translation>
    </message>
    <message>
        <source>abort() at (0 = never)</source>
        <translation>abort() на (0 = никогда)</translation>
    </message>
    <message>
        <source>get() timeout (0 = None)</source>
        <translation>Тайм-аут get() (0 = None)</translation>
    </message>
    <message>
        <source>sequential</source>
        <translation>последовательно</translation>
    </message>
    <message>
        <source>threaded</source>
        <translation>в потоках</translation>
    </message>
    <message>
        <source>io</source>
        <translation>ввод-вывод</translation>
    </message>
    <message>
        <source>cpu</source>
        <translation>вычисления</translation>
    </message>
    <message>
        <source>join</source>
        <translation>через join</translation>
    </message>
    <message>
        <source>event</source>
        <translation>через Event</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>через Queue</translation>
    </message>
    <message>
        <source>poll</source>
        <translation>опрос</translation>
    </message>
    <message>
        <source>probe</source>
        <translation>проверка is_alive</translation>
    </message>
    <message>
        <source>workers</source>
        <translation>рабочие потоки</translation>
    </message>
    <message>
        <source>pipeline</source>
        <translation>конвейер</translation>
    </message>
    <message>
        <source>concurrent</source>
        <translation>одновременно</translation>
    </message>
    <message>
        <source>chained</source>
        <translation>цепочкой</translation>
    </message>
    <message>
        <source>local</source>
        <translation>threading.local</translation>
    </message>
    <message>
        <source>global</source>
        <translation>глобальная переменная</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>overall</source>
        <translation>общий срок</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>смешанная</translation>
    </message>
    <message>
        <source>result</source>
        <translation>результат</translation>
    </message>
    <message>
        <source>exception</source>
        <translation>исключение</translation>
    </message>
    <message>
        <source>odd</source>
        <translation>нечётные</translation>
    </message>
    <message>
        <source>all</source>
        <translation>все</translation>
    </message>
    <message>
        <source>random</source>
        <translation>случайные</translation>
    </message>
    <message>
        <source>blocking</source>
        <translation>блокирующий</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>с тайм-аутом</translation>
    </message>
    <message>
        <source>semaphore</source>
        <translation>семафор</translation>
    </message>
    <message>
        <source>one</source>
        <translation>один</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>успешное</translation>
    </message>
    <message>
        <source>raises</source>
        <translation>с исключением</translation>
    </message>
    <message>
        <source>coarse</source>
        <translation>одна общая</translation>
    </message>
    <message>
        <source>split</source>
        <translation>раздельные</translation>
    </message>
    <message>
        <source>callback</source>
        <translation>в callback</translation>
    </message>
    <message>
        <source>unsafe</source>
        <translation>без защиты</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>с блокировкой</translation>
    </message>
    <message>
        <source>plain</source>
        <translation>обычная</translation>
    </message>
    <message>
        <source>stream</source>
        <translation>StreamHandler</translation>
    </message>
    <message>
        <source>append</source>
        <translation>просто append</translation>
    </message>
    <message>
        <source>Bug: join() inside the start loop</source>
        <translation>Ошибка: join() внутри цикла запуска</translation>
    </message>
    <message>
        <source>Bug: count flights as active_count() - 2</source>
        <translation>Ошибка: считать рейсы как active_count() - 2</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Шаблон</translation>
    </message>
    <message>
        <source>map submits everything at once and yields in input order; unconsumed results swallow errors.</source>
        <translation>map отправляет всё сразу и отдаёт результаты в порядке входа; непрочитанные результаты проглатывают ошибки.</translation>
    </message>
    <message>
        <source>Bug: never iterate map&apos;s results</source>
        <translation>Ошибка: не перебирать результаты map</translation>
    </message>
    <message>
        <source>result(timeout) in submission order: per-call timeouts add up; an overall deadline bounds them.</source>
        <translation>result(timeout) в порядке отправки: тайм-ауты отдельных вызовов складываются; общий срок их ограничивает.</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Тайм-аут</translation>
    </message>
    <message>
        <source>Bug: initializers share one id generator</source>
        <translation>Ошибка: инициализаторы делят один генератор id</translation>
    </message>
    <message>
        <source>Created, running, shut down, terminated; a global max updated without a lock can lose.</source>
        <translation>Создан, работает, остановлен, завершён; глобальный максимум, обновляемый без блокировки, может потерять обновление.</translation>
    </message>
    <message>
        <source>Bug: update the max without a lock</source>
        <translation>Ошибка: обновлять максимум без блокировки</translation>
    </message>
    <message>
        <source>Bug: 200 workers for 4 tasks</source>
        <translation>Ошибка: 200 рабочих потоков на 4 задачи</translation>
    </message>
    <message>
        <source>FIFO producer/consumer with task_done and join; except queue.Empty around a blocking get never fires</source>
        <translation>Производитель и потребитель с FIFO, task_done и join; except queue.Empty вокруг блокирующего get не срабатывает никогда</translation>
    </message>
    <message>
        <source>Bug: end the consumer on except queue.Empty</source>
        <translation>Ошибка: завершать потребителя по except queue.Empty</translation>
    </message>
    <message>
        <source>Cooks share oven locks; a new Lock per with-block overlaps critical sections and loses dishes</source>
        <translation>Повара делят блокировки печей; новый Lock в каждом блоке with даёт перекрытие критических секций и потерю блюд</translation>
    </message>
    <message>
        <source>Bug: with Lock(): a new lock every time</source>
        <translation>Ошибка: with Lock(): каждый раз новая блокировка</translation>
    </message>
    <message>
        <source>Clear after each client (otherwise it stays set)</source>
        <translation>Сбрасывать после каждого клиента (иначе событие остаётся установленным)</translation>
    </message>
    <message>
        <source>A bounded buffer on one Condition: wait releases the lock; if instead of while takes from an empty buffer</source>
        <translation>Ограниченный буфер на одной Condition: wait отпускает блокировку; if вместо while берёт из пустого буфера</translation>
    </message>
</context>
<context>
    <name>PythonComment</name>
    <message>
        <source>m1.l1 Introduction: waiting tasks run one after another, or one thread each.</source>
        <translation>m1.l1 Введение: задачи с ожиданием выполняются одна за другой или каждая в своём потоке.</translation>
    </message>
    <message>
        <source>each task waits this long (a download, a query...)</source>
        <translation>столько ждёт каждая задача (загрузка, запрос к базе...)</translation>
    </message>
    <message>
        <source>&quot;sequential&quot; or &quot;threaded&quot;</source>
        <translation>&quot;sequential&quot; (по очереди) или &quot;threaded&quot; (в потоках)</translation>
    </message>
    <message>
        <source>blocking wait: releases the GIL</source>
        <translation>блокирующее ожидание: GIL освобождается</translation>
    </message>
    <message>
        <source>m1.l10 Atomic operations: list.append is atomic, counter += 1 is not.</source>
        <translation>m1.l10 Атомарные операции: list.append атомарна, counter += 1 — нет.</translation>
    </message>
    <message>
        <source>&quot;none&quot; or &quot;sleep0&quot; between LOAD and STORE</source>
        <translation>&quot;none&quot; или &quot;sleep0&quot; между LOAD и STORE</translation>
    </message>
    <message>
        <source>the fix: guard += with a Lock</source>
        <translation>исправление: защитить += блокировкой Lock</translation>
    </message>
    <message>
        <source>one atomic operation under the GIL</source>
        <translation>одна атомарная операция под GIL</translation>
    </message>
    <message>
        <source>a switch may happen here</source>
        <translation>здесь может произойти переключение потоков</translation>
    </message>
    <message>
        <source>m1.l11 Timer thread: an auction where each bid arms the next Timer; cancel() stops a waiting one.</source>
        <translation>m1.l11 Поток-таймер: аукцион, где каждая ставка взводит следующий Timer; cancel() останавливает ждущий таймер.</translation>
    </message>
    <message>
        <source>raises until the final bid</source>
        <translation>сколько повышений до последней ставки</translation>
    </message>
    <message>
        <source>-1: never cancel</source>
        <translation>-1: не отменять никогда</translation>
    </message>
    <message>
        <source>the timer that waits now</source>
        <translation>таймер, который ждёт сейчас</translation>
    </message>
    <message>
        <source>the chain: each timer arms the next</source>
        <translation>цепочка: каждый таймер взводит следующий</translation>
    </message>
    <message>
        <source>only a timer still waiting is stopped</source>
        <translation>остановить можно только таймер, который ещё ждёт</translation>
    </message>
    <message>
        <source>the interpreter waits for the rest of the chain (Timers are non-daemon)</source>
        <translation>интерпретатор дождётся конца цепочки (таймеры — не демоны)</translation>
    </message>
    <message>
        <source>m1.l12 Helper functions: active_count(), enumerate(), current_thread(), main_thread(), get_ident().</source>
        <translation>m1.l12 Вспомогательные функции: active_count(), enumerate(), current_thread(), main_thread(), get_ident().</translation>
    </message>
    <message>
        <source>flights</source>
        <translation>рейсы</translation>
    </message>
    <message>
        <source>the shortest flight</source>
        <translation>самый короткий рейс</translation>
    </message>
    <message>
        <source>the longest flight</source>
        <translation>самый длинный рейс</translation>
    </message>
    <message>
        <source>the bug: flights = active_count() - 2</source>
        <translation>ошибка: рейсы = active_count() - 2</translation>
    </message>
    <message>
        <source>one more helper thread: &quot;active_count() - 2&quot; now counts it as a flight</source>
        <translation>ещё один вспомогательный поток: &quot;active_count() - 2&quot; теперь считает его рейсом</translation>
    </message>
    <message>
        <source>m1.l2 Basic concepts: threads overlap waits (I/O) but not computation (CPU) under the GIL.</source>
        <translation>m1.l2 Основные понятия: под GIL потоки совмещают ожидания (ввод-вывод), но не вычисления (CPU).</translation>
    </message>
    <message>
        <source>&quot;io&quot; (waits) or &quot;cpu&quot; (computes)</source>
        <translation>&quot;io&quot; (ждёт) или &quot;cpu&quot; (вычисляет)</translation>
    </message>
    <message>
        <source>each thread&apos;s work, timed on an idle core</source>
        <translation>работа каждого потока, замеренная на свободном ядре</translation>
    </message>
    <message>
        <source>releases the GIL: the waits overlap</source>
        <translation>освобождает GIL: ожидания идут одновременно</translation>
    </message>
    <message>
        <source>holds the GIL, handed over every switch interval</source>
        <translation>держит GIL, отдавая его на каждом интервале переключения</translation>
    </message>
    <message>
        <source>An AMOUNT of work, not a duration: the loop count that takes `seconds` on one thread.</source>
        <translation>ОБЪЁМ работы, а не длительность: число итераций, которое занимает `seconds` в одном потоке.</translation>
    </message>
    <message>
        <source>m1.l3 What threads are: workers compute in the background and leave results in shared variables.</source>
        <translation>m1.l3 Что такое потоки: рабочие потоки вычисляют в фоне и оставляют результаты в общих переменных.</translation>
    </message>
    <message>
        <source>CPU time each worker computes</source>
        <translation>процессорное время, которое вычисляет каждый рабочий поток</translation>
    </message>
    <message>
        <source>pause between two starts</source>
        <translation>пауза между двумя запусками</translation>
    </message>
    <message>
        <source>one shared slot per worker</source>
        <translation>по одной общей ячейке на рабочий поток</translation>
    </message>
    <message>
        <source>this thread&apos;s own CPU time: an amount of work</source>
        <translation>собственное процессорное время этого потока: объём работы</translation>
    </message>
    <message>
        <source>the list is shared by reference: main sees it sorted</source>
        <translation>список передаётся по ссылке: главный поток видит его отсортированным</translation>
    </message>
    <message>
        <source>returns at once</source>
        <translation>возвращается сразу</translation>
    </message>
    <message>
        <source>only now are the results safe to read</source>
        <translation>только теперь результаты можно безопасно читать</translation>
    </message>
    <message>
        <source>m1.l4 The main thread: its name, renaming it, and interpreter shutdown waiting for workers.</source>
        <translation>m1.l4 Главный поток: его имя, переименование и завершение интерпретатора, который ждёт рабочие потоки.</translation>
    </message>
    <message>
        <source>never printed when the worker is a daemon</source>
        <translation>не печатается, если рабочий поток — демон</translation>
    </message>
    <message>
        <source>m1.l5 Waiting for a result from a thread: join, Event, Queue or polling.</source>
        <translation>m1.l5 Ожидание результата от потока: join, Event, Queue или опрос.</translation>
    </message>
    <message>
        <source>&quot;join&quot;, &quot;event&quot;, &quot;queue&quot; or &quot;poll&quot;</source>
        <translation>&quot;join&quot;, &quot;event&quot;, &quot;queue&quot; или &quot;poll&quot;</translation>
    </message>
    <message>
        <source>main&apos;s own work between two checks</source>
        <translation>собственная работа главного потока между двумя проверками</translation>
    </message>
    <message>
        <source>poll: main keeps waking up to look, wasting its time</source>
        <translation>опрос: главный поток то и дело просыпается посмотреть и тратит на это время</translation>
    </message>
    <message>
        <source>m1.l6 join(): the caller blocks until the thread ends; the join order does not change the total.</source>
        <translation>m1.l6 join(): вызывающий поток ждёт, пока поток не закончится; порядок join не меняет общего времени.</translation>
    </message>
    <message>
        <source>&quot;AB&quot; or &quot;BA&quot;</source>
        <translation>&quot;AB&quot; или &quot;BA&quot;</translation>
    </message>
    <message>
        <source>-1: join() without a timeout</source>
        <translation>-1: join() без тайм-аута</translation>
    </message>
    <message>
        <source>returns None either way: ask is_alive()</source>
        <translation>в любом случае возвращает None: спросите is_alive()</translation>
    </message>
    <message>
        <source>m1.l7 Thread names: name=, current_thread().name, and a load/process/save pipeline.</source>
        <translation>m1.l7 Имена потоков: name=, current_thread().name и конвейер загрузка/обработка/сохранение.</translation>
    </message>
    <message>
        <source>&quot;probe&quot;, &quot;workers&quot; or &quot;pipeline&quot;</source>
        <translation>&quot;probe&quot;, &quot;workers&quot; или &quot;pipeline&quot;</translation>
    </message>
    <message>
        <source>&quot;(default)&quot;: Python names them Thread-N</source>
        <translation>&quot;(default)&quot;: Python называет их Thread-N</translation>
    </message>
    <message>
        <source>&quot;concurrent&quot; or &quot;chained&quot;</source>
        <translation>&quot;concurrent&quot; (одновременно) или &quot;chained&quot; (цепочкой)</translation>
    </message>
    <message>
        <source>list.append is atomic: the log stays intact</source>
        <translation>list.append атомарна: журнал остаётся целым</translation>
    </message>
    <message>
        <source>chained mode: wait for the previous stage</source>
        <translation>режим цепочки: дождаться предыдущего этапа</translation>
    </message>
    <message>
        <source>concurrent: a file is saved before it is loaded</source>
        <translation>одновременно: файл сохраняется раньше, чем загружен</translation>
    </message>
    <message>
        <source>m1.l8 Thread attributes: name (renamed from inside), ident, native_id, is_alive(), daemon.</source>
        <translation>m1.l8 Атрибуты потока: name (переименование изнутри), ident, native_id, is_alive(), daemon.</translation>
    </message>
    <message>
        <source>missions</source>
        <translation>задания</translation>
    </message>
    <message>
        <source>a mission&apos;s length, ±50%</source>
        <translation>длительность задания, ±50%</translation>
    </message>
    <message>
        <source>the bug: each mission runs alone</source>
        <translation>ошибка: каждое задание выполняется в одиночку</translation>
    </message>
    <message>
        <source>a thread may rename itself</source>
        <translation>поток может переименовать сам себя</translation>
    </message>
    <message>
        <source>m1.l9 Thread-local data: one global object, one value per thread.</source>
        <translation>m1.l9 Локальные данные потока: один глобальный объект, своё значение в каждом потоке.</translation>
    </message>
    <message>
        <source>times (threads - position)</source>
        <translation>умножается на (threads - позиция)</translation>
    </message>
    <message>
        <source>&quot;local&quot; or &quot;global&quot;</source>
        <translation>&quot;local&quot; или &quot;global&quot;</translation>
    </message>
    <message>
        <source>the contrast: a plain global slot</source>
        <translation>для сравнения: обычная глобальная ячейка</translation>
    </message>
    <message>
        <source>others write meanwhile</source>
        <translation>тем временем пишут другие</translation>
    </message>
    <message>
        <source>MainThread never set it</source>
        <translation>MainThread его так и не задал</translation>
    </message>
    <message>
        <source>m2.l1 What thread pools are: &quot;wait for each task in turn&quot; versus &quot;submit all, then gather&quot;.</source>
        <translation>m2.l1 Что такое пулы потоков: «ждать каждую задачу по очереди» против «сначала отправить все, потом собрать».</translation>
    </message>
    <message>
        <source>&quot;submit_all&quot; or &quot;wait_each&quot; (the mistake)</source>
        <translation>&quot;submit_all&quot; или &quot;wait_each&quot; (ошибка)</translation>
    </message>
    <message>
        <source>waits inside the loop: a staircase</source>
        <translation>ожидание внутри цикла: лесенка</translation>
    </message>
    <message>
        <source>submit everything first</source>
        <translation>сначала отправить всё</translation>
    </message>
    <message>
        <source>then collect</source>
        <translation>потом собрать результаты</translation>
    </message>
    <message>
        <source>m2.l10 Pool lifecycle: create, submit, collect, shut down; a global maximum updated without a lock.</source>
        <translation>m2.l10 Жизненный цикл пула: создать, отправить, собрать, завершить; глобальный максимум без блокировки.</translation>
    </message>
    <message>
        <source>the bug: read, compare, write the maximum without the lock</source>
        <translation>ошибка: читать, сравнивать и записывать максимум без блокировки</translation>
    </message>
    <message>
        <source>another worker may write here</source>
        <translation>здесь может записать другой рабочий поток</translation>
    </message>
    <message>
        <source>SHUTDOWN, then TERMINATED</source>
        <translation>SHUTDOWN, затем TERMINATED</translation>
    </message>
    <message>
        <source>m2.l11 Testing the thread count: a tiny benchmark, lazy spawning, and a print lock.</source>
        <translation>m2.l11 Проверка числа потоков: маленький замер, ленивый запуск потоков и блокировка для print.</translation>
    </message>
    <message>
        <source>the largest pool size tried</source>
        <translation>наибольший проверяемый размер пула</translation>
    </message>
    <message>
        <source>&quot;io&quot;, &quot;cpu&quot; or &quot;mixed&quot; (half each)</source>
        <translation>&quot;io&quot;, &quot;cpu&quot; или &quot;mixed&quot; (поровну того и другого)</translation>
    </message>
    <message>
        <source>repetitions; the best one counts</source>
        <translation>повторы; засчитывается лучший</translation>
    </message>
    <message>
        <source>the mistake: 200 workers for 4 tasks</source>
        <translation>ошибка: 200 рабочих потоков на 4 задачи</translation>
    </message>
    <message>
        <source>guard print() with a lock</source>
        <translation>защищать print() блокировкой</translation>
    </message>
    <message>
        <source>this thread&apos;s own CPU time</source>
        <translation>собственное процессорное время этого потока</translation>
    </message>
    <message>
        <source>text and newline together: whole lines</source>
        <translation>текст и перевод строки вместе: строки целые</translation>
    </message>
    <message>
        <source>text and newline are two writes another thread can split</source>
        <translation>текст и перевод строки — две записи, между которыми может вклиниться другой поток</translation>
    </message>
    <message>
        <source>workers start lazily, one per waiting task</source>
        <translation>рабочие потоки запускаются лениво, по одному на ждущую задачу</translation>
    </message>
    <message>
        <source>m2.l12 ThreadPool vs asyncio: threads block in parallel; coroutines share one loop thread.</source>
        <translation>m2.l12 ThreadPool против asyncio: потоки блокируются параллельно, корутины делят один поток цикла событий.</translation>
    </message>
    <message>
        <source>the pool&apos;s threads</source>
        <translation>потоки пула</translation>
    </message>
    <message>
        <source>the bug: time.sleep inside a coroutine</source>
        <translation>ошибка: time.sleep внутри корутины</translation>
    </message>
    <message>
        <source>the fix: asyncio.to_thread for the blocking call</source>
        <translation>исправление: asyncio.to_thread для блокирующего вызова</translation>
    </message>
    <message>
        <source>asyncio.Semaphore limit; 0: none</source>
        <translation>предел asyncio.Semaphore; 0: без предела</translation>
    </message>
    <message>
        <source>the blocking call runs on an executor thread</source>
        <translation>блокирующий вызов выполняется в потоке исполнителя</translation>
    </message>
    <message>
        <source>freezes the loop: nothing else progresses</source>
        <translation>замораживает цикл событий: больше ничего не движется</translation>
    </message>
    <message>
        <source>a switch point</source>
        <translation>точка переключения</translation>
    </message>
    <message>
        <source>m2.l2 Creating a thread pool: constructor options, lazy workers, and the with block.</source>
        <translation>m2.l2 Создание пула потоков: параметры конструктора, ленивые рабочие потоки и блок with.</translation>
    </message>
    <message>
        <source>thread_name_prefix; &quot;(default)&quot;: ThreadPoolExecutor-N</source>
        <translation>thread_name_prefix; &quot;(default)&quot;: имена ThreadPoolExecutor-N</translation>
    </message>
    <message>
        <source>lists to print</source>
        <translation>сколько списков печатать</translation>
    </message>
    <message>
        <source>no workers yet</source>
        <translation>рабочих потоков ещё нет</translation>
    </message>
    <message>
        <source>keyword args pass through</source>
        <translation>именованные аргументы передаются как есть</translation>
    </message>
    <message>
        <source>m2.l3 submit() and map(): map yields in input order; results never iterated swallow errors.</source>
        <translation>m2.l3 submit() и map(): map выдаёт результаты в порядке входа; непрочитанные результаты проглатывают ошибки.</translation>
    </message>
    <message>
        <source>each task takes 0.3 to 1.5 times this</source>
        <translation>каждая задача занимает от 0,3 до 1,5 этого времени</translation>
    </message>
    <message>
        <source>the item that raises; -1: none</source>
        <translation>элемент, который выбрасывает исключение; -1: никакой</translation>
    </message>
    <message>
        <source>the mistake: never iterate map&apos;s results</source>
        <translation>ошибка: так и не перебрать результаты map</translation>
    </message>
    <message>
        <source>input order, whatever the finish order</source>
        <translation>порядок входа, в каком бы порядке задачи ни закончились</translation>
    </message>
    <message>
        <source>m2.l4 Getting results: result(timeout) in submission order; per-call timeouts add up.</source>
        <translation>m2.l4 Получение результатов: result(timeout) в порядке отправки; тайм-ауты отдельных вызовов складываются.</translation>
    </message>
    <message>
        <source>result()&apos;s timeout</source>
        <translation>тайм-аут result()</translation>
    </message>
    <message>
        <source>&quot;per_call&quot; (they add up) or &quot;overall&quot;</source>
        <translation>&quot;per_call&quot; (складываются) или &quot;overall&quot; (общий срок)</translation>
    </message>
    <message>
        <source>concurrent.futures.TimeoutError on &lt; 3.11</source>
        <translation>concurrent.futures.TimeoutError в версиях до 3.11</translation>
    </message>
    <message>
        <source>m2.l5 Executors: split numbers into value buckets and sort each bucket with map(fn, a, b).</source>
        <translation>m2.l5 Исполнители: разложить числа по корзинам значений и отсортировать каждую корзину через map(fn, a, b).</translation>
    </message>
    <message>
        <source>in place: visible to the parent only for threads</source>
        <translation>на месте: родитель видит это только у потоков</translation>
    </message>
    <message>
        <source>bucket order, always</source>
        <translation>всегда в порядке корзин</translation>
    </message>
    <message>
        <source>m2.l6 Waiting for tasks: wait(timeout, return_when) splits futures into done and not_done.</source>
        <translation>m2.l6 Ожидание задач: wait(timeout, return_when) делит futures на done и not_done.</translation>
    </message>
    <message>
        <source>wait()&apos;s timeout</source>
        <translation>тайм-аут wait()</translation>
    </message>
    <message>
        <source>&quot;ALL_COMPLETED&quot;, &quot;FIRST_COMPLETED&quot; or &quot;FIRST_EXCEPTION&quot;</source>
        <translation>&quot;ALL_COMPLETED&quot;, &quot;FIRST_COMPLETED&quot; или &quot;FIRST_EXCEPTION&quot;</translation>
    </message>
    <message>
        <source>task 1 raises</source>
        <translation>задача 1 выбрасывает исключение</translation>
    </message>
    <message>
        <source>never raises on timeout</source>
        <translation>по тайм-ауту исключения не бывает</translation>
    </message>
    <message>
        <source>m2.l7 Initializing worker threads: one initializer call per worker, thread-local counters.</source>
        <translation>m2.l7 Инициализация рабочих потоков: один вызов initializer на поток, счётчики локальны для потока.</translation>
    </message>
    <message>
        <source>the initializer&apos;s work (e.g. open a connection)</source>
        <translation>работа инициализатора (например, открыть соединение)</translation>
    </message>
    <message>
        <source>the worker whose initializer raises; -1: none</source>
        <translation>рабочий поток, чей инициализатор выбрасывает исключение; -1: никакой</translation>
    </message>
    <message>
        <source>the mistake: every initializer draws from one generator</source>
        <translation>ошибка: все инициализаторы берут номера из одного генератора</translation>
    </message>
    <message>
        <source>the generator&apos;s body between two yields</source>
        <translation>тело генератора между двумя yield</translation>
    </message>
    <message>
        <source>one string: a whole line</source>
        <translation>одна строка: запись целиком</translation>
    </message>
    <message>
        <source>another thread inside: ValueError: generator already executing</source>
        <translation>внутри уже другой поток: ValueError: generator already executing</translation>
    </message>
    <message>
        <source>the worker&apos;s own counter survives between tasks</source>
        <translation>собственный счётчик рабочего потока сохраняется между задачами</translation>
    </message>
    <message>
        <source>an initializer raised: the pool refuses every task</source>
        <translation>инициализатор выбросил исключение: пул отказывает всем задачам</translation>
    </message>
    <message>
        <source>m2.l8 Shutting down: shutdown(wait, cancel_futures), a refused late submit, as_completed.</source>
        <translation>m2.l8 Завершение: shutdown(wait, cancel_futures), отказ в запоздалом submit, as_completed.</translation>
    </message>
    <message>
        <source>a task with value v takes v times this</source>
        <translation>задача со значением v длится v раз по столько</translation>
    </message>
    <message>
        <source>submit after shutdown</source>
        <translation>отправить задачу после shutdown</translation>
    </message>
    <message>
        <source>running tasks are never interrupted</source>
        <translation>выполняющиеся задачи никогда не прерываются</translation>
    </message>
    <message>
        <source>finish order</source>
        <translation>порядок завершения</translation>
    </message>
    <message>
        <source>m2.l9 Number of threads: wall time against max_workers for I/O- and CPU-bound tasks.</source>
        <translation>m2.l9 Число потоков: общее время в зависимости от max_workers для задач ввода-вывода и вычислительных.</translation>
    </message>
    <message>
        <source>this thread&apos;s own CPU time: holds the GIL</source>
        <translation>собственное процессорное время этого потока: держит GIL</translation>
    </message>
    <message>
        <source>What Futures are: a placeholder for a result that is not there yet. Downloads of random length run on one worker each; at a deadline main sums only the futures that are already done. A failed one shows exception() against result().</source>
        <translation>Что такое Future: заместитель результата, которого ещё нет. Загрузки случайной длины идут каждая в своём рабочем потоке; к сроку главный поток суммирует только уже готовые futures. Неудачная показывает разницу между exception() и result().</translation>
    </message>
    <message>
        <source>the shortest download</source>
        <translation>самая короткая загрузка</translation>
    </message>
    <message>
        <source>the longest download</source>
        <translation>самая длинная загрузка</translation>
    </message>
    <message>
        <source>wait()&apos;s deadline</source>
        <translation>срок для wait()</translation>
    </message>
    <message>
        <source>probability of a zero factor (ValueError)</source>
        <translation>вероятность нулевого множителя (ValueError)</translation>
    </message>
    <message>
        <source>the &quot;download&quot;</source>
        <translation>«загрузка»</translation>
    </message>
    <message>
        <source>None on success; never blocks for a done future</source>
        <translation>None при успехе; для готового future никогда не блокирует</translation>
    </message>
    <message>
        <source>the same object every time</source>
        <translation>каждый раз тот же самый объект</translation>
    </message>
    <message>
        <source>The Future object without an executor: consumers block in result() until a producer thread completes the future by hand. Everyone wakes with the same value.</source>
        <translation>Объект Future без исполнителя: потребители ждут в result(), пока поток-производитель не завершит future вручную. Все просыпаются с одним и тем же значением.</translation>
    </message>
    <message>
        <source>the producer completes the future after this</source>
        <translation>через столько производитель завершает future</translation>
    </message>
    <message>
        <source>&quot;result&quot; or &quot;exception&quot;</source>
        <translation>&quot;result&quot; или &quot;exception&quot;</translation>
    </message>
    <message>
        <source>completing twice is an error</source>
        <translation>завершить дважды — ошибка</translation>
    </message>
    <message>
        <source>Future methods: result() blocks, done()/running()/cancelled() are instant snapshots. Results are printed in submission order, whatever order the tasks finish in.</source>
        <translation>Методы Future: result() блокирует, done()/running()/cancelled() — мгновенные снимки. Результаты печатаются в порядке отправки, в каком бы порядке задачи ни закончились.</translation>
    </message>
    <message>
        <source>0: Python&apos;s default, min(32, CPUs + 4)</source>
        <translation>0: значение Python по умолчанию, min(32, CPUs + 4)</translation>
    </message>
    <message>
        <source>Snapshots never block: the first future is probably still running here.</source>
        <translation>Снимки никогда не блокируют: первый future здесь, скорее всего, ещё выполняется.</translation>
    </message>
    <message>
        <source>blocks until this future, in submission order</source>
        <translation>ждёт этот future, в порядке отправки</translation>
    </message>
    <message>
        <source>Future lifecycle: PENDING -&gt; RUNNING -&gt; FINISHED (result or exception), or PENDING -&gt; CANCELLED. With fewer workers than tasks, PENDING is visible.</source>
        <translation>Жизненный цикл Future: PENDING -&gt; RUNNING -&gt; FINISHED (результат или исключение) или PENDING -&gt; CANCELLED. Когда рабочих потоков меньше, чем задач, видно PENDING.</translation>
    </message>
    <message>
        <source>cancel every k-th task; 0: none</source>
        <translation>отменять каждую k-ю задачу; 0: ни одной</translation>
    </message>
    <message>
        <source>every k-th task fails; 0: none</source>
        <translation>каждая k-я задача завершается ошибкой; 0: ни одна</translation>
    </message>
    <message>
        <source>a running future cannot be cancelled</source>
        <translation>выполняющийся future отменить нельзя</translation>
    </message>
    <message>
        <source>Checking a Future&apos;s status: main polls done()/running() on a tick and prints a table while searches run on the workers. Inside a done-callback, done() is always True.</source>
        <translation>Проверка состояния Future: главный поток по таймеру опрашивает done()/running() и печатает таблицу, пока рабочие потоки ищут. Внутри done-callback done() всегда True.</translation>
    </message>
    <message>
        <source>main looks this often</source>
        <translation>так часто смотрит главный поток</translation>
    </message>
    <message>
        <source>one lock for every print (not a new Lock() per call)</source>
        <translation>одна блокировка на все print (а не новый Lock() на каждый вызов)</translation>
    </message>
    <message>
        <source>without this sleep the poll loop burns a CPU</source>
        <translation>без этого sleep цикл опроса сжигает процессор</translation>
    </message>
    <message>
        <source>Done callbacks. A callback registered before completion runs on the worker that finished the task; one registered after completion runs at once on the registering thread (main).</source>
        <translation>Колбэки завершения. Колбэк, зарегистрированный до завершения, выполняется в рабочем потоке, который закончил задачу; зарегистрированный после — сразу, в регистрирующем потоке (главном).</translation>
    </message>
    <message>
        <source>the longest task</source>
        <translation>самая длинная задача</translation>
    </message>
    <message>
        <source>the race: is the task already done?</source>
        <translation>гонка: задача уже готова?</translation>
    </message>
    <message>
        <source>the first callback raises</source>
        <translation>первый колбэк выбрасывает исключение</translation>
    </message>
    <message>
        <source>items in stock</source>
        <translation>товаров на складе</translation>
    </message>
    <message>
        <source>the bug: update the stock without the lock</source>
        <translation>ошибка: менять остаток без блокировки</translation>
    </message>
    <message>
        <source>a raising callback is logged by concurrent.futures, then ignored</source>
        <translation>исключение колбэка concurrent.futures записывает в журнал и больше ничего не делает</translation>
    </message>
    <message>
        <source>checking the order takes a moment: the race window</source>
        <translation>проверка заказа занимает время: окно гонки</translation>
    </message>
    <message>
        <source>without the lock two callbacks could both see stock 1</source>
        <translation>без блокировки два колбэка могут оба увидеть остаток 1</translation>
    </message>
    <message>
        <source>Getting exceptions from a Future: a task&apos;s exception is stored, exception() returns it, result() re-raises it. A failing task does not kill its worker thread.</source>
        <translation>Исключения из Future: исключение задачи сохраняется, exception() возвращает его, result() выбрасывает снова. Упавшая задача не убивает свой рабочий поток.</translation>
    </message>
    <message>
        <source>probability that a task fails</source>
        <translation>вероятность, что задача упадёт</translation>
    </message>
    <message>
        <source>the same object, its type preserved</source>
        <translation>тот же объект, тип сохранён</translation>
    </message>
    <message>
        <source>Cancelling a Future: cancel() succeeds only while the future is still PENDING. The workers take the first tasks at once, so those cannot be cancelled.</source>
        <translation>Отмена Future: cancel() удаётся, только пока future ещё PENDING. Первые задачи рабочие потоки берут сразу, поэтому их отменить нельзя.</translation>
    </message>
    <message>
        <source>&quot;odd&quot;, &quot;last_half&quot;, &quot;all&quot; or &quot;random&quot;</source>
        <translation>&quot;odd&quot;, &quot;last_half&quot;, &quot;all&quot; или &quot;random&quot;</translation>
    </message>
    <message>
        <source>main cancels after this</source>
        <translation>главный поток отменяет через столько</translation>
    </message>
    <message>
        <source>Introduction to queues: the same items go into a FIFO, a LIFO and a priority queue, and one consumer drains each. The output orders differ.</source>
        <translation>Введение в очереди: одни и те же элементы попадают в очередь FIFO, LIFO и с приоритетом, и каждую опустошает свой потребитель. Порядок на выходе разный.</translation>
    </message>
    <message>
        <source>fill the queues before the consumers start</source>
        <translation>заполнить очереди до запуска потребителей</translation>
    </message>
    <message>
        <source>time to produce an item</source>
        <translation>время на производство элемента</translation>
    </message>
    <message>
        <source>time to consume an item</source>
        <translation>время на потребление элемента</translation>
    </message>
    <message>
        <source>(priority, name)</source>
        <translation>(приоритет, имя)</translation>
    </message>
    <message>
        <source>blocks until an item is there</source>
        <translation>ждёт, пока появится элемент</translation>
    </message>
    <message>
        <source>Queue (FIFO): a producer faster than the consumers makes the queue grow. Main joins the producer, then q.join() waits until every item was marked task_done().</source>
        <translation>Queue (FIFO): производитель быстрее потребителей, поэтому очередь растёт. Главный поток ждёт производителя через join, затем q.join() ждёт, пока каждый элемент не будет отмечен task_done().</translation>
    </message>
    <message>
        <source>the producer puts one item this often</source>
        <translation>так часто производитель кладёт элемент</translation>
    </message>
    <message>
        <source>a consumer&apos;s time per item</source>
        <translation>время потребителя на один элемент</translation>
    </message>
    <message>
        <source>0: unbounded</source>
        <translation>0: без ограничения</translation>
    </message>
    <message>
        <source>the bug: end the consumer on `except queue.Empty`</source>
        <translation>ошибка: завершать потребителя по `except queue.Empty`</translation>
    </message>
    <message>
        <source>blocks while a bounded queue is full</source>
        <translation>ждёт, пока ограниченная очередь полна</translation>
    </message>
    <message>
        <source>blocks: a blocking get never raises queue.Empty</source>
        <translation>блокирует: блокирующий get никогда не выбрасывает queue.Empty</translation>
    </message>
    <message>
        <source>never reached: the daemon is abandoned at exit</source>
        <translation>сюда не попадём: поток-демон бросают при выходе</translation>
    </message>
    <message>
        <source>a sentinel ends the consumer</source>
        <translation>потребителя завершает метка-сигнал</translation>
    </message>
    <message>
        <source>returns when unfinished tasks reach 0</source>
        <translation>возвращается, когда незавершённых задач становится 0</translation>
    </message>
    <message>
        <source>LifoQueue: a stack. Filled completely before the daemon consumers pop, the items come out newest first; put while they pop, the order mixes.</source>
        <translation>LifoQueue: стек. Если заполнить его целиком до того, как потребители-демоны начнут забирать, элементы выходят от новых к старым; если класть одновременно с ними, порядок перемешивается.</translation>
    </message>
    <message>
        <source>the producer keeps putting while consumers pop</source>
        <translation>производитель продолжает класть, пока потребители забирают</translation>
    </message>
    <message>
        <source>a daemon: abandoned at exit</source>
        <translation>демон: при выходе его бросают</translation>
    </message>
    <message>
        <source>PriorityQueue(maxsize): the lowest priority number comes out first, among the items present. The producer blocks while the queue is full. A sequence number breaks ties so the payloads are never compared.</source>
        <translation>PriorityQueue(maxsize): первым выходит элемент с наименьшим числом приоритета среди тех, что уже в очереди. Пока очередь полна, производитель ждёт. Порядковый номер разрешает ничьи, так что сами данные никогда не сравниваются.</translation>
    </message>
    <message>
        <source>jobs</source>
        <translation>задания</translation>
    </message>
    <message>
        <source>work per priority point</source>
        <translation>работа на единицу приоритета</translation>
    </message>
    <message>
        <source>the producer puts one job this often</source>
        <translation>так часто производитель кладёт задание</translation>
    </message>
    <message>
        <source>sorts after every real priority</source>
        <translation>идёт после любого настоящего приоритета</translation>
    </message>
    <message>
        <source>dicts alone are not comparable</source>
        <translation>словари сами по себе не сравниваются</translation>
    </message>
    <message>
        <source>SimpleQueue and exceptions. A warehouse Queue(maxsize) fed faster than it is emptied. The buggy supplier checks full() and silently drops the delivery when there is no room (check, then act: the answer may be stale, the item is lost). The correct policies block, retry put_nowait on queue.Full, or use a timed put.</source>
        <translation>SimpleQueue и исключения. Склад Queue(maxsize) пополняется быстрее, чем пустеет. Поставщик с ошибкой проверяет full() и молча выбрасывает поставку, если места нет (сначала проверка, потом действие: ответ мог устареть, товар потерян). Правильные способы — ждать, повторять put_nowait после queue.Full или класть с тайм-аутом.</translation>
    </message>
    <message>
        <source>the warehouse&apos;s size</source>
        <translation>размер склада</translation>
    </message>
    <message>
        <source>deliveries</source>
        <translation>поставки</translation>
    </message>
    <message>
        <source>a delivery this often</source>
        <translation>так часто приходит поставка</translation>
    </message>
    <message>
        <source>a sale this often</source>
        <translation>так часто бывает продажа</translation>
    </message>
    <message>
        <source>&quot;blocking_put&quot;, &quot;put_nowait_retry&quot; or &quot;put_timeout&quot;</source>
        <translation>&quot;blocking_put&quot;, &quot;put_nowait_retry&quot; или &quot;put_timeout&quot;</translation>
    </message>
    <message>
        <source>put/get timeout</source>
        <translation>тайм-аут put/get</translation>
    </message>
    <message>
        <source>the bug: check full() and drop the delivery</source>
        <translation>ошибка: проверить full() и выбросить поставку</translation>
    </message>
    <message>
        <source>the item is silently lost</source>
        <translation>товар молча потерян</translation>
    </message>
    <message>
        <source>no maxsize: put never blocks; no task_done() or join()</source>
        <translation>без maxsize: put никогда не ждёт; нет task_done() и join()</translation>
    </message>
    <message>
        <source>Lock: cooks share the ovens, so baking is serialized and the dish counter is exact. The bug `with threading.Lock():` builds a NEW lock on every use: nobody ever waits, the critical sections overlap and updates of the shared counter get lost. With several ovens, how a cook takes one matters: trying every oven without blocking and then blocking on oven 0 only piles cooks up there while other ovens may be free.</source>
        <translation>Lock: повара делят печи, поэтому выпечка идёт по очереди, а счётчик блюд точен. Ошибка `with threading.Lock():` создаёт НОВУЮ блокировку при каждом использовании: никто никогда не ждёт, критические секции перекрываются, и обновления общего счётчика теряются. Когда печей несколько, важно, как повар берёт печь: попробовать все печи без ожидания, а потом ждать только печь 0 — повара скапливаются у неё, хотя другие печи могут быть свободны.</translation>
    </message>
    <message>
        <source>cooks</source>
        <translation>повара</translation>
    </message>
    <message>
        <source>dishes per cook</source>
        <translation>блюд на повара</translation>
    </message>
    <message>
        <source>baking time: the critical section</source>
        <translation>время выпечки: критическая секция</translation>
    </message>
    <message>
        <source>ovens</source>
        <translation>печи</translation>
    </message>
    <message>
        <source>&quot;blocking&quot;, &quot;try_then_block_first&quot;, &quot;try_loop&quot;, &quot;timeout&quot; or &quot;semaphore&quot;</source>
        <translation>&quot;blocking&quot;, &quot;try_then_block_first&quot;, &quot;try_loop&quot;, &quot;timeout&quot; или &quot;semaphore&quot;</translation>
    </message>
    <message>
        <source>a timed acquire&apos;s timeout</source>
        <translation>тайм-аут захвата с ожиданием</translation>
    </message>
    <message>
        <source>the bug: `with Lock():`, a new lock every time</source>
        <translation>ошибка: `with Lock():`, каждый раз новая блокировка</translation>
    </message>
    <message>
        <source>&quot;semaphore&quot;: any free oven, no choosing</source>
        <translation>&quot;semaphore&quot;: любая свободная печь, без выбора</translation>
    </message>
    <message>
        <source>with several ovens the counter needs its own lock</source>
        <translation>при нескольких печах счётчику нужна своя блокировка</translation>
    </message>
    <message>
        <source>read ...</source>
        <translation>прочитать ...</translation>
    </message>
    <message>
        <source>... bake ...</source>
        <translation>... испечь ...</translation>
    </message>
    <message>
        <source>... write: a lost update if someone else was inside</source>
        <translation>... записать: обновление потеряно, если внутри был кто-то ещё</translation>
    </message>
    <message>
        <source>the mistake: only ever waits for oven 0</source>
        <translation>ошибка: ждать всегда только печь 0</translation>
    </message>
    <message>
        <source>&quot;timeout&quot;: a timed wait on one oven, then the next one</source>
        <translation>&quot;timeout&quot;: ждать одну печь с тайм-аутом, потом следующую</translation>
    </message>
    <message>
        <source>the oven&apos;s lock guards the counter too</source>
        <translation>блокировка печи защищает и счётчик</translation>
    </message>
    <message>
        <source>the bug: a lock nobody else ever sees</source>
        <translation>ошибка: блокировка, которую больше никто не видит</translation>
    </message>
    <message>
        <source>RLock: transfer() locks the account and calls withdraw(), which locks it again, as deep as the nesting goes. With an RLock the owner may re-enter (the recursion count climbs and falls back to 0). With a plain Lock the thread waits for itself forever; here a timeout reveals it.</source>
        <translation>RLock: transfer() захватывает счёт и вызывает withdraw(), которая захватывает его снова, и так на всю глубину вложенности. С RLock владелец может войти повторно (счётчик рекурсии растёт и снова падает до 0). С обычным Lock поток вечно ждёт сам себя; здесь это выявляет тайм-аут.</translation>
    </message>
    <message>
        <source>tellers</source>
        <translation>кассиры</translation>
    </message>
    <message>
        <source>how often a teller takes the account&apos;s lock, nested</source>
        <translation>сколько раз кассир вложенно захватывает блокировку счёта</translation>
    </message>
    <message>
        <source>&quot;RLock&quot; or &quot;Lock&quot;</source>
        <translation>&quot;RLock&quot; или &quot;Lock&quot;</translation>
    </message>
    <message>
        <source>threading.RLock() or threading.Lock()</source>
        <translation>threading.RLock() или threading.Lock()</translation>
    </message>
    <message>
        <source>A plain Lock would block forever on its second acquire; the timeout keeps the demo finite.</source>
        <translation>Обычный Lock на втором acquire ждал бы вечно; тайм-аут делает пример конечным.</translation>
    </message>
    <message>
        <source>transfer -&gt; withdraw -&gt; ...: the same lock again</source>
        <translation>transfer -&gt; withdraw -&gt; ...: снова та же блокировка</translation>
    </message>
    <message>
        <source>Event: bank clients wait for the cashier&apos;s signal. Never cleared, the event stays set, so after the first service every later client passes at once (a latched flag). With auto_clear each client clears it and the cashier signals once per client. Every waiter blocked at set() wakes.</source>
        <translation>Event: клиенты банка ждут сигнала кассира. Если событие не сбрасывать, оно остаётся установленным, и после первого обслуживания все следующие клиенты проходят сразу (флаг «залип»). С auto_clear каждый клиент сбрасывает его, и кассир подаёт сигнал для каждого клиента. Все, кто ждал в момент set(), просыпаются.</translation>
    </message>
    <message>
        <source>clients</source>
        <translation>клиенты</translation>
    </message>
    <message>
        <source>a client arrives this often</source>
        <translation>так часто приходит клиент</translation>
    </message>
    <message>
        <source>the first set()</source>
        <translation>первый set()</translation>
    </message>
    <message>
        <source>clear after each client (otherwise the flag stays up)</source>
        <translation>сбрасывать после каждого клиента (иначе флаг остаётся поднятым)</translation>
    </message>
    <message>
        <source>0: wait() without a timeout</source>
        <translation>0: wait() без тайм-аута</translation>
    </message>
    <message>
        <source>events awaited in turn (2: then the clock)</source>
        <translation>события, которых ждут по очереди (2: потом ещё часы)</translation>
    </message>
    <message>
        <source>False: the timeout passed</source>
        <translation>False: тайм-аут истёк</translation>
    </message>
    <message>
        <source>the next client must wait for the next signal</source>
        <translation>следующий клиент должен ждать следующего сигнала</translation>
    </message>
    <message>
        <source>call the next client once this one took the signal</source>
        <translation>позвать следующего клиента, когда этот забрал сигнал</translation>
    </message>
    <message>
        <source>Condition: a hand-made bounded buffer. wait() releases the lock while sleeping and takes it again before returning; the predicate is re-checked in a while loop.</source>
        <translation>Condition: самодельный ограниченный буфер. wait() отпускает блокировку на время сна и снова захватывает её перед возвратом; условие перепроверяется в цикле while.</translation>
    </message>
    <message>
        <source>of the buffer</source>
        <translation>буфера</translation>
    </message>
    <message>
        <source>per producer</source>
        <translation>на производителя</translation>
    </message>
    <message>
        <source>wake &quot;all&quot; or &quot;one&quot; after each change</source>
        <translation>будить &quot;all&quot; (всех) или &quot;one&quot; (одного) после каждого изменения</translation>
    </message>
    <message>
        <source>&quot;while&quot;, or the bug &quot;if&quot;</source>
        <translation>&quot;while&quot; или ошибка &quot;if&quot;</translation>
    </message>
    <message>
        <source>the default lock is an RLock</source>
        <translation>блокировка по умолчанию — RLock</translation>
    </message>
    <message>
        <source>the bug: no re-check after waking</source>
        <translation>ошибка: после пробуждения нет перепроверки</translation>
    </message>
    <message>
        <source>woken, but another consumer took the item</source>
        <translation>разбудили, но элемент забрал другой потребитель</translation>
    </message>
    <message>
        <source>Semaphore: a parking lot with a few places and more cars. At most `permits` cars are inside at once. A BoundedSemaphore refuses an extra release; a plain Semaphore silently grows, and the lot then admits one car too many.</source>
        <translation>Semaphore: парковка, где мест меньше, чем машин. Внутри одновременно не больше `permits` машин. BoundedSemaphore отказывает в лишнем release; обычный Semaphore молча растёт, и парковка потом пускает одну машину сверх мест.</translation>
    </message>
    <message>
        <source>cars</source>
        <translation>машины</translation>
    </message>
    <message>
        <source>parking places</source>
        <translation>места на парковке</translation>
    </message>
    <message>
        <source>the shortest stay</source>
        <translation>самая короткая стоянка</translation>
    </message>
    <message>
        <source>the longest stay</source>
        <translation>самая долгая стоянка</translation>
    </message>
    <message>
        <source>a BoundedSemaphore</source>
        <translation>BoundedSemaphore (с проверкой)</translation>
    </message>
    <message>
        <source>the bug: one car releases twice</source>
        <translation>ошибка: одна машина освобождает место дважды</translation>
    </message>
    <message>
        <source>one release too many</source>
        <translation>один release лишний</translation>
    </message>
    <message>
        <source>How to stop all tasks: workers check a shared stop Event between chunks of work, and main uses stop.wait(t) as an interruptible sleep. When the stop comes, pending futures are cancelled and running tasks return at their next check.</source>
        <translation>Как остановить все задачи: рабочие потоки между порциями работы проверяют общее событие stop, а главный поток использует stop.wait(t) как прерываемый сон. Когда приходит остановка, ожидающие futures отменяются, а выполняющиеся задачи выходят на следующей проверке.</translation>
    </message>
    <message>
        <source>one chunk of work</source>
        <translation>одна порция работы</translation>
    </message>
    <message>
        <source>main stops everything at this time</source>
        <translation>в этот момент главный поток всё останавливает</translation>
    </message>
    <message>
        <source>check the event every this many chunks</source>
        <translation>проверять событие раз в столько порций</translation>
    </message>
    <message>
        <source>an interruptible sleep for main, too</source>
        <translation>прерываемый сон и для главного потока</translation>
    </message>
    <message>
        <source>what has not started</source>
        <translation>то, что ещё не началось</translation>
    </message>
    <message>
        <source>what runs stops at its next check</source>
        <translation>то, что выполняется, остановится на следующей проверке</translation>
    </message>
    <message>
        <source>Stop all tasks if one fails: wait(return_when=FIRST_EXCEPTION) returns as soon as a task raises; main then cancels what is pending and sets an Event the running tasks check. Or the failing task sets the Event itself and main notices it.</source>
        <translation>Остановить все задачи, если одна упала: wait(return_when=FIRST_EXCEPTION) возвращается, как только задача выбросит исключение; главный поток отменяет ожидающие и устанавливает Event, который проверяют выполняющиеся задачи. Или упавшая задача сама устанавливает Event, а главный поток это замечает.</translation>
    </message>
    <message>
        <source>per task</source>
        <translation>на задачу</translation>
    </message>
    <message>
        <source>the failing task; -1: a random one</source>
        <translation>задача, которая упадёт; -1: случайная</translation>
    </message>
    <message>
        <source>it fails after this long</source>
        <translation>она падает через столько времени</translation>
    </message>
    <message>
        <source>&quot;wait_first_exception&quot; or &quot;event_flag&quot;</source>
        <translation>&quot;wait_first_exception&quot; или &quot;event_flag&quot;</translation>
    </message>
    <message>
        <source>the task&apos;s own except block would signal everyone</source>
        <translation>собственный блок except задачи подал бы сигнал всем</translation>
    </message>
    <message>
        <source>Barrier: runners arrive at staggered times; nobody leaves a phase before the last one arrives. The last to arrive runs the action; wait() returns a unique index per phase. abort(), a timeout or a failing action breaks the barrier: every waiter, now and later, gets BrokenBarrierError.</source>
        <translation>Barrier: бегуны прибегают в разное время; никто не покидает этап, пока не прибежит последний. Последний прибежавший выполняет действие; wait() возвращает на каждом этапе свой номер. abort(), тайм-аут или упавшее действие ломают барьер: все ждущие, сейчас и позже, получают BrokenBarrierError.</translation>
    </message>
    <message>
        <source>runners</source>
        <translation>бегуны</translation>
    </message>
    <message>
        <source>laps</source>
        <translation>круги</translation>
    </message>
    <message>
        <source>the longest lap</source>
        <translation>самый долгий круг</translation>
    </message>
    <message>
        <source>wait()&apos;s timeout; 0: none</source>
        <translation>тайм-аут wait(); 0: без тайм-аута</translation>
    </message>
    <message>
        <source>the barrier&apos;s action: &quot;none&quot;, &quot;ok&quot; or &quot;raises&quot;</source>
        <translation>действие барьера: &quot;none&quot;, &quot;ok&quot; или &quot;raises&quot;</translation>
    </message>
    <message>
        <source>main calls abort() at this time; 0: never</source>
        <translation>в этот момент главный поток вызывает abort(); 0: никогда</translation>
    </message>
    <message>
        <source>the action&apos;s own error, on the last to arrive</source>
        <translation>собственная ошибка действия, у последнего прибежавшего</translation>
    </message>
    <message>
        <source>Lock contention: many threads fight for one lock, so they mostly wait.</source>
        <translation>Конкуренция за блокировку: много потоков борются за одну блокировку и поэтому в основном ждут.</translation>
    </message>
    <message>
        <source>CPU work inside the lock: the critical section</source>
        <translation>вычисления внутри блокировки: критическая секция</translation>
    </message>
    <message>
        <source>CPU work outside the lock</source>
        <translation>вычисления вне блокировки</translation>
    </message>
    <message>
        <source>per thread</source>
        <translation>на поток</translation>
    </message>
    <message>
        <source>the bug: wait for I/O while holding the lock</source>
        <translation>ошибка: ждать ввода-вывода, держа блокировку</translation>
    </message>
    <message>
        <source>work outside the lock</source>
        <translation>работа вне блокировки</translation>
    </message>
    <message>
        <source>contended: most threads wait here</source>
        <translation>конкуренция: большинство потоков ждут здесь</translation>
    </message>
    <message>
        <source>the critical section</source>
        <translation>критическая секция</translation>
    </message>
    <message>
        <source>waiting on I/O while holding the lock: everyone else waits too</source>
        <translation>ждать ввода-вывода, держа блокировку: ждут и все остальные</translation>
    </message>
    <message>
        <source>Lock striping: S locks over the keys, key k -&gt; lock[hash(k) % S]; a global operation takes all stripes in one fixed order. Taken in different orders, two global operations can deadlock.</source>
        <translation>Разделение блокировки на полосы: S блокировок на все ключи, ключ k -&gt; lock[hash(k) % S]; глобальная операция берёт все полосы в одном фиксированном порядке. Взятые в разном порядке, две глобальные операции могут попасть во взаимную блокировку.</translation>
    </message>
    <message>
        <source>locks</source>
        <translation>блокировки</translation>
    </message>
    <message>
        <source>an update&apos;s duration</source>
        <translation>длительность обновления</translation>
    </message>
    <message>
        <source>a global sum every N updates; 0: never</source>
        <translation>глобальная сумма каждые N обновлений; 0: никогда</translation>
    </message>
    <message>
        <source>the bug: odd threads take the stripes in reverse</source>
        <translation>ошибка: нечётные потоки берут полосы в обратном порядке</translation>
    </message>
    <message>
        <source>a stable hash (str hash is randomized per process)</source>
        <translation>устойчивый хеш (хеш str в каждом процессе случаен)</translation>
    </message>
    <message>
        <source>one fixed order: no deadlock</source>
        <translation>один фиксированный порядок: взаимной блокировки нет</translation>
    </message>
    <message>
        <source>(a guard: report the deadlock, do not hang)</source>
        <translation>(страховка: сообщить о взаимной блокировке, а не зависнуть)</translation>
    </message>
    <message>
        <source>widens the window in which another thread takes the next stripe</source>
        <translation>расширяет окно, в котором другой поток берёт следующую полосу</translation>
    </message>
    <message>
        <source>Lock splitting: independent counters get their own lock; a snapshot takes all locks in a fixed order. One coarse lock for all of them makes unrelated updates wait for each other.</source>
        <translation>Разделение блокировки: у независимых счётчиков свои блокировки; снимок берёт все блокировки в фиксированном порядке. Одна общая блокировка на всех заставляет несвязанные обновления ждать друг друга.</translation>
    </message>
    <message>
        <source>counters</source>
        <translation>счётчики</translation>
    </message>
    <message>
        <source>&quot;coarse&quot; (one lock) or &quot;split&quot; (one lock per counter)</source>
        <translation>&quot;coarse&quot; (одна блокировка) или &quot;split&quot; (по блокировке на счётчик)</translation>
    </message>
    <message>
        <source>fixed order, each lock once</source>
        <translation>фиксированный порядок, каждая блокировка один раз</translation>
    </message>
    <message>
        <source>Retry with backoff: threads take two locks in opposite orders. Blocking on the second lock deadlocks; trying it, releasing everything and backing off (with jitter) does not.</source>
        <translation>Повтор с отступлением: потоки берут две блокировки в противоположном порядке. Ожидание второй блокировки ведёт к взаимной блокировке; попытка взять её, освобождение всего и пауза (со случайной добавкой) — нет.</translation>
    </message>
    <message>
        <source>the first back-off delay</source>
        <translation>первая пауза перед повтором</translation>
    </message>
    <message>
        <source>each retry waits this many times longer</source>
        <translation>каждый повтор ждёт во столько раз дольше</translation>
    </message>
    <message>
        <source>the longest delay</source>
        <translation>самая долгая пауза</translation>
    </message>
    <message>
        <source>random extra delay, so threads fall out of step</source>
        <translation>случайная добавка к паузе, чтобы потоки сбились с общего шага</translation>
    </message>
    <message>
        <source>work with both locks</source>
        <translation>работа с обеими блокировками</translation>
    </message>
    <message>
        <source>second lock tried without blocking, or &quot;timeout_backoff&quot;</source>
        <translation>вторая блокировка пробуется без ожидания, или &quot;timeout_backoff&quot;</translation>
    </message>
    <message>
        <source>the bug: a blocking acquire, no back-off (deadlock)</source>
        <translation>ошибка: захват с ожиданием, без отступления (взаимная блокировка)</translation>
    </message>
    <message>
        <source>Blocks forever in a deadlock; the 2 s guard only reports it instead of hanging.</source>
        <translation>При взаимной блокировке ждёт вечно; страховка в 2 с лишь сообщает об этом, чтобы программа не зависла.</translation>
    </message>
    <message>
        <source>reads something with the first lock before needing the second</source>
        <translation>читает что-то под первой блокировкой, прежде чем понадобится вторая</translation>
    </message>
    <message>
        <source>both locks held: do the work</source>
        <translation>обе блокировки взяты: делаем работу</translation>
    </message>
    <message>
        <source>everything held is released; now back off</source>
        <translation>всё взятое отпущено; теперь пауза</translation>
    </message>
    <message>
        <source>Lock overhead: locking every operation against locking a batch, or no lock at all.</source>
        <translation>Накладные расходы блокировки: блокировка на каждую операцию против блокировки на пакет или вовсе без неё.</translation>
    </message>
    <message>
        <source>increments in total</source>
        <translation>всего увеличений</translation>
    </message>
    <message>
        <source>increments under one acquire</source>
        <translation>увеличений за один захват</translation>
    </message>
    <message>
        <source>&quot;none&quot;, &quot;per_op&quot; or &quot;per_batch&quot;</source>
        <translation>&quot;none&quot;, &quot;per_op&quot; или &quot;per_batch&quot;</translation>
    </message>
    <message>
        <source>with several threads updates may be lost</source>
        <translation>при нескольких потоках обновления могут теряться</translation>
    </message>
    <message>
        <source>Sequential against parallel download (the network simulated with time.sleep, files really written).</source>
        <translation>Последовательная загрузка против параллельной (сеть имитирует time.sleep, файлы пишутся по-настоящему).</translation>
    </message>
    <message>
        <source>the fastest answer</source>
        <translation>самый быстрый ответ</translation>
    </message>
    <message>
        <source>the slowest answer</source>
        <translation>самый медленный ответ</translation>
    </message>
    <message>
        <source>each file&apos;s size</source>
        <translation>размер каждого файла</translation>
    </message>
    <message>
        <source>waiting for the network releases the GIL</source>
        <translation>ожидание сети освобождает GIL</translation>
    </message>
    <message>
        <source>Concurrent file download: each task downloads and saves one file; main reports progress as they complete.</source>
        <translation>Одновременная загрузка файлов: каждая задача скачивает и сохраняет один файл; главный поток сообщает о ходе работы по мере их завершения.</translation>
    </message>
    <message>
        <source>the largest file</source>
        <translation>самый большой файл</translation>
    </message>
    <message>
        <source>one chunk arrives at a time</source>
        <translation>данные приходят порциями такого размера</translation>
    </message>
    <message>
        <source>the disk&apos;s time to write a file</source>
        <translation>время записи файла на диск</translation>
    </message>
    <message>
        <source>the bug: one lock around every download</source>
        <translation>ошибка: одна блокировка вокруг каждой загрузки</translation>
    </message>
    <message>
        <source>connect</source>
        <translation>соединение</translation>
    </message>
    <message>
        <source>one chunk arrives</source>
        <translation>приходит одна порция</translation>
    </message>
    <message>
        <source>saved only once the transfer ended</source>
        <translation>сохраняется только после окончания передачи</translation>
    </message>
    <message>
        <source>serializes the whole pool</source>
        <translation>делает весь пул последовательным</translation>
    </message>
    <message>
        <source>Exception handling during task execution: bounded retries, every failure retrieved, handled inside the task, by main through result(), or in a done-callback.</source>
        <translation>Обработка исключений при выполнении задач: ограниченное число повторов, каждая ошибка получена — внутри задачи, главным потоком через result() или в done-callback.</translation>
    </message>
    <message>
        <source>probability that an attempt fails</source>
        <translation>вероятность, что попытка не удастся</translation>
    </message>
    <message>
        <source>doubled after each failure</source>
        <translation>удваивается после каждой неудачи</translation>
    </message>
    <message>
        <source>&quot;inside_task&quot;, &quot;main_result&quot; or &quot;callback&quot;</source>
        <translation>&quot;inside_task&quot;, &quot;main_result&quot; или &quot;callback&quot;</translation>
    </message>
    <message>
        <source>attempts used</source>
        <translation>использовано попыток</translation>
    </message>
    <message>
        <source>handling inside the task: always returns a status</source>
        <translation>обработка внутри задачи: всегда возвращает состояние</translation>
    </message>
    <message>
        <source>re-raises the task&apos;s exception</source>
        <translation>снова выбрасывает исключение задачи</translation>
    </message>
    <message>
        <source>the with-exit waited for every task and callback</source>
        <translation>выход из with дождался всех задач и колбэков</translation>
    </message>
    <message>
        <source>Thread-safe counter: an unlocked read-modify-write loses updates; a lock fixes it.</source>
        <translation>Потокобезопасный счётчик: чтение-изменение-запись без блокировки теряет обновления; блокировка это исправляет.</translation>
    </message>
    <message>
        <source>&quot;sleep0&quot; widens the window between read and write; &quot;none&quot;</source>
        <translation>&quot;sleep0&quot; расширяет окно между чтением и записью; &quot;none&quot;</translation>
    </message>
    <message>
        <source>&quot;unsafe&quot; or &quot;lock&quot;</source>
        <translation>&quot;unsafe&quot; или &quot;lock&quot;</translation>
    </message>
    <message>
        <source>lets another thread run here</source>
        <translation>здесь даём поработать другому потоку</translation>
    </message>
    <message>
        <source>STORE (may overwrite a newer value)</source>
        <translation>STORE (может затереть более новое значение)</translation>
    </message>
    <message>
        <source>Thread-safe print: print(a, b) makes several writes, so lines from threads can mix.</source>
        <translation>Потокобезопасный print: print(a, b) делает несколько записей, поэтому строки разных потоков могут смешаться.</translation>
    </message>
    <message>
        <source>&quot;plain&quot;, &quot;lock&quot; or &quot;single_write&quot;</source>
        <translation>&quot;plain&quot;, &quot;lock&quot; или &quot;single_write&quot;</translation>
    </message>
    <message>
        <source>writes: name, &quot; &quot;, &quot;line&quot;, &quot; &quot;, i, &quot;\n&quot;</source>
        <translation>записи: name, &quot; &quot;, &quot;line&quot;, &quot; &quot;, i, &quot;\n&quot;</translation>
    </message>
    <message>
        <source>one write of a ready-made string</source>
        <translation>одна запись готовой строки</translation>
    </message>
    <message>
        <source>Thread-safe logging: handlers serialise emit() with their own lock; a QueueListener moves the I/O to one thread.</source>
        <translation>Потокобезопасное журналирование: обработчики выполняют emit() под собственной блокировкой; QueueListener переносит ввод-вывод в один поток.</translation>
    </message>
    <message>
        <source>&quot;stream&quot; or &quot;queue_listener&quot;</source>
        <translation>&quot;stream&quot; или &quot;queue_listener&quot;</translation>
    </message>
    <message>
        <source>the records&apos; way to the listener (&quot;queue_listener&quot; only)</source>
        <translation>путь записей к слушателю (только для &quot;queue_listener&quot;)</translation>
    </message>
    <message>
        <source>threads only put records</source>
        <translation>потоки лишь кладут записи</translation>
    </message>
    <message>
        <source>one thread writes them</source>
        <translation>пишет их один поток</translation>
    </message>
    <message>
        <source>flushes what is still queued</source>
        <translation>выводит то, что ещё осталось в очереди</translation>
    </message>
    <message>
        <source>Thread-safe dict: d[k] = d.get(k, 0) + 1 is not atomic; iterating while another thread writes fails.</source>
        <translation>Потокобезопасный словарь: d[k] = d.get(k, 0) + 1 не атомарно; перебор, пока другой поток пишет, падает.</translation>
    </message>
    <message>
        <source>words</source>
        <translation>слова</translation>
    </message>
    <message>
        <source>in total</source>
        <translation>всего</translation>
    </message>
    <message>
        <source>the bug: iterate while threads write</source>
        <translation>ошибка: перебирать, пока потоки пишут</translation>
    </message>
    <message>
        <source>the race window between get and set</source>
        <translation>окно гонки между get и присваиванием</translation>
    </message>
    <message>
        <source>a new key added meanwhile breaks the loop</source>
        <translation>новый ключ, добавленный тем временем, ломает цикл</translation>
    </message>
    <message>
        <source>the fix: copy under the lock, iterate the copy</source>
        <translation>исправление: скопировать под блокировкой и перебирать копию</translation>
    </message>
    <message>
        <source>Thread-safe list: append is atomic, &quot;check, then act&quot; is not.</source>
        <translation>Потокобезопасный список: append атомарна, «сначала проверить, потом действовать» — нет.</translation>
    </message>
    <message>
        <source>&quot;append&quot;, &quot;unique_append&quot; or &quot;check_then_pop&quot;</source>
        <translation>&quot;append&quot;, &quot;unique_append&quot; или &quot;check_then_pop&quot;</translation>
    </message>
    <message>
        <source>a lock around the check and the act</source>
        <translation>блокировка вокруг проверки и действия</translation>
    </message>
    <message>
        <source>one atomic operation</source>
        <translation>одна атомарная операция</translation>
    </message>
    <message>
        <source>the race window between the check and the append</source>
        <translation>окно гонки между проверкой и append</translation>
    </message>
    <message>
        <source>the race window between `if items:` and `items.pop()`</source>
        <translation>окно гонки между `if items:` и `items.pop()`</translation>
    </message>
    <message>
        <source>another thread emptied the list in between</source>
        <translation>другой поток тем временем опустошил список</translation>
    </message>
    <message>
        <source>Thread-safe file writing: unlocked writes of a line in pieces interleave; a lock or a writer thread fixes it.</source>
        <translation>Потокобезопасная запись в файл: строки, записанные по частям без блокировки, перемешиваются; это исправляет блокировка или отдельный поток-писатель.</translation>
    </message>
    <message>
        <source>characters per line</source>
        <translation>символов в строке</translation>
    </message>
    <message>
        <source>&quot;unsafe&quot;, &quot;lock&quot; or &quot;writer_queue&quot;</source>
        <translation>&quot;unsafe&quot;, &quot;lock&quot; или &quot;writer_queue&quot;</translation>
    </message>
    <message>
        <source>several writes per line: another writer may land in between</source>
        <translation>несколько записей на строку: между ними может вклиниться другой писатель</translation>
    </message>
    <message>
        <source>only the writer thread touches the file</source>
        <translation>файла касается только поток-писатель</translation>
    </message>
    <message>
        <source>&quot;Volatile&quot; variables: Python has no volatile; a plain flag is seen at the worker&apos;s next check, an Event wakes it at once.</source>
        <translation>«Volatile»-переменные: в Python нет volatile; обычный флаг рабочий поток видит при следующей проверке, а Event будит его сразу.</translation>
    </message>
    <message>
        <source>the worker&apos;s loop period</source>
        <translation>период цикла рабочего потока</translation>
    </message>
    <message>
        <source>main flips the signal at this time</source>
        <translation>в этот момент главный поток переключает сигнал</translation>
    </message>
    <message>
        <source>stop signal: &quot;bool_flag&quot; or &quot;event&quot;</source>
        <translation>сигнал остановки: &quot;bool_flag&quot; или &quot;event&quot;</translation>
    </message>
    <message>
        <source>wakes up as soon as the event is set</source>
        <translation>просыпается, как только событие установлено</translation>
    </message>
    <message>
        <source>always reads the current value, but only once per period</source>
        <translation>всегда читает текущее значение, но лишь раз за период</translation>
    </message>
    <message>
        <source>m9.l1 Pool introduction: CPU tasks on real worker processes.</source>
        <translation>m9.l1 Знакомство с Pool: вычислительные задачи в настоящих рабочих процессах.</translation>
    </message>
    <message>
        <source>worker processes</source>
        <translation>рабочие процессы</translation>
    </message>
    <message>
        <source>CPU work per task</source>
        <translation>вычисления на задачу</translation>
    </message>
    <message>
        <source>0: None, a worker lives as long as the pool</source>
        <translation>0: None, рабочий процесс живёт столько же, сколько пул</translation>
    </message>
    <message>
        <source>CPU work in the worker process</source>
        <translation>вычисления в рабочем процессе</translation>
    </message>
    <message>
        <source>needed by the spawn and forkserver start methods</source>
        <translation>нужно для методов запуска spawn и forkserver</translation>
    </message>
    <message>
        <source>m9.l10 starmap_async: tuples in, one callback out.</source>
        <translation>m9.l10 starmap_async: на входе кортежи, на выходе один колбэк.</translation>
    </message>
    <message>
        <source>0: automatic</source>
        <translation>0: автоматически</translation>
    </message>
    <message>
        <source>mean CPU work per item</source>
        <translation>средние вычисления на элемент</translation>
    </message>
    <message>
        <source>the failing item; -1: none</source>
        <translation>элемент, который упадёт; -1: никакой</translation>
    </message>
    <message>
        <source>CPU work in the worker process (its own CPU time), then a * b; a negative a fails.</source>
        <translation>Вычисления в рабочем процессе (его собственное процессорное время), затем a * b; отрицательное a приводит к ошибке.</translation>
    </message>
    <message>
        <source>(a, b, CPU seconds) per task: 0.3 to 1.5 times the mean; the failing one gets a negative a.</source>
        <translation>(a, b, секунды процессора) на задачу: от 0,3 до 1,5 среднего; у падающей задачи a отрицательное.</translation>
    </message>
    <message>
        <source>m9.l11 Which Pool method: a small decision function.</source>
        <translation>m9.l11 Какой метод Pool выбрать: маленькая функция выбора.</translation>
    </message>
    <message>
        <source>the function takes several arguments</source>
        <translation>функция принимает несколько аргументов</translation>
    </message>
    <message>
        <source>results in input order</source>
        <translation>результаты в порядке входа</translation>
    </message>
    <message>
        <source>main must not block</source>
        <translation>главный поток не должен блокироваться</translation>
    </message>
    <message>
        <source>huge or lazy input: stream it</source>
        <translation>огромный или ленивый вход: подавать потоком</translation>
    </message>
    <message>
        <source>CPU work in the worker process (its own CPU time), then x squared; a negative x fails.</source>
        <translation>Вычисления в рабочем процессе (его собственное процессорное время), затем квадрат x; отрицательное x приводит к ошибке.</translation>
    </message>
    <message>
        <source>(CPU seconds, x) per task: 0.3 to 1.5 times the mean; the failing one gets a negative x.</source>
        <translation>(секунды процессора, x) на задачу: от 0,3 до 1,5 среднего; у падающей задачи x отрицательное.</translation>
    </message>
    <message>
        <source>CPU work in the worker process, then a * b.</source>
        <translation>Вычисления в рабочем процессе, затем a * b.</translation>
    </message>
    <message>
        <source>m9.l12 One workload through all eight Pool methods.</source>
        <translation>m9.l12 Одна нагрузка через все восемь методов Pool.</translation>
    </message>
    <message>
        <source>0: automatic (1 for imap and imap_unordered)</source>
        <translation>0: автоматически (1 для imap и imap_unordered)</translation>
    </message>
    <message>
        <source>m9.l13 Best practices with multiprocessing.Pool.</source>
        <translation>m9.l13 Хорошие практики работы с multiprocessing.Pool.</translation>
    </message>
    <message>
        <source>close() + join() before leaving the with block</source>
        <translation>close() + join() перед выходом из блока with</translation>
    </message>
    <message>
        <source>get() every async result</source>
        <translation>вызывать get() для каждого асинхронного результата</translation>
    </message>
    <message>
        <source>set an error_callback</source>
        <translation>задать error_callback</translation>
    </message>
    <message>
        <source>keep callbacks short</source>
        <translation>держать колбэки короткими</translation>
    </message>
    <message>
        <source>the failing task; -1: none</source>
        <translation>задача, которая упадёт; -1: никакая</translation>
    </message>
    <message>
        <source>per-process setup happens once</source>
        <translation>настройка процесса выполняется один раз</translation>
    </message>
    <message>
        <source>runs in the parent&apos;s result-handler thread</source>
        <translation>выполняется в потоке обработки результатов родителя</translation>
    </message>
    <message>
        <source>a slow callback holds up every other result</source>
        <translation>медленный колбэк задерживает все остальные результаты</translation>
    </message>
    <message>
        <source>the __main__ guard</source>
        <translation>защита __main__</translation>
    </message>
    <message>
        <source>get() shows the failure</source>
        <translation>get() показывает ошибку</translation>
    </message>
    <message>
        <source>no more tasks; join() waits for the rest</source>
        <translation>новых задач нет; join() ждёт остальные</translation>
    </message>
    <message>
        <source>leaving the with block calls terminate(): what has not finished is killed</source>
        <translation>выход из блока with вызывает terminate(): всё незаконченное убивается</translation>
    </message>
    <message>
        <source>m9.l14 Common Pool mistakes, each one small and visible.</source>
        <translation>m9.l14 Частые ошибки с Pool, каждая маленькая и заметная.</translation>
    </message>
    <message>
        <source>&quot;none&quot;, &quot;lambda&quot;, &quot;no_get&quot;, &quot;early_exit&quot;, &quot;child_globals&quot;, &quot;tiny_tasks&quot; or &quot;slow_callback&quot;</source>
        <translation>&quot;none&quot;, &quot;lambda&quot;, &quot;no_get&quot;, &quot;early_exit&quot;, &quot;child_globals&quot;, &quot;tiny_tasks&quot; или &quot;slow_callback&quot;</translation>
    </message>
    <message>
        <source>changes the CHILD&apos;s copy only</source>
        <translation>меняет только копию в ДОЧЕРНЕМ процессе</translation>
    </message>
    <message>
        <source>a lambda cannot be pickled</source>
        <translation>lambda нельзя сериализовать через pickle</translation>
    </message>
    <message>
        <source>waits, but never get(): the failure goes unseen</source>
        <translation>ждёт, но без get(): ошибка остаётся незамеченной</translation>
    </message>
    <message>
        <source>terminate() kills the workers mid-task</source>
        <translation>terminate() убивает рабочие процессы посреди задачи</translation>
    </message>
    <message>
        <source>expecting TASKS</source>
        <translation>ожидали TASKS</translation>
    </message>
    <message>
        <source>overhead outweighs work</source>
        <translation>накладные расходы больше самой работы</translation>
    </message>
    <message>
        <source>one slow callback delays every later result</source>
        <translation>один медленный колбэк задерживает все следующие результаты</translation>
    </message>
    <message>
        <source>m9.l2 The same tasks on a thread pool and on a process pool.</source>
        <translation>m9.l2 Одни и те же задачи в пуле потоков и в пуле процессов.</translation>
    </message>
    <message>
        <source>&quot;cpu&quot; (computes) or &quot;io&quot; (waits)</source>
        <translation>&quot;cpu&quot; (вычисляет) или &quot;io&quot; (ждёт)</translation>
    </message>
    <message>
        <source>data sent with each task and back</source>
        <translation>данные, которые уходят с каждой задачей и возвращаются</translation>
    </message>
    <message>
        <source>work per task</source>
        <translation>работа на задачу</translation>
    </message>
    <message>
        <source>holds this process&apos;s GIL</source>
        <translation>держит GIL этого процесса</translation>
    </message>
    <message>
        <source>pickled back to the parent for a process</source>
        <translation>у процесса результат возвращается родителю через pickle</translation>
    </message>
    <message>
        <source>m9.l3 apply: one task at a time, the caller blocks.</source>
        <translation>m9.l3 apply: по одной задаче, вызывающий ждёт.</translation>
    </message>
    <message>
        <source>CPU work per call</source>
        <translation>вычисления на вызов</translation>
    </message>
    <message>
        <source>a staircase: one at a time</source>
        <translation>лесенка: по одной</translation>
    </message>
    <message>
        <source>m9.l4 apply_async: AsyncResult, callback and error_callback.</source>
        <translation>m9.l4 apply_async: AsyncResult, callback и error_callback.</translation>
    </message>
    <message>
        <source>get()&apos;s timeout; 0: none</source>
        <translation>тайм-аут get(); 0: без тайм-аута</translation>
    </message>
    <message>
        <source>m9.l5 map: chunks to processes, results in input order.</source>
        <translation>m9.l5 map: порции задач по процессам, результаты в порядке входа.</translation>
    </message>
    <message>
        <source>0: automatic, ceil(items / (4 * processes))</source>
        <translation>0: автоматически, ceil(items / (4 * processes))</translation>
    </message>
    <message>
        <source>m9.l6 map_async: one callback with the whole list.</source>
        <translation>m9.l6 map_async: один колбэк со всем списком.</translation>
    </message>
    <message>
        <source>m9.l7 imap: lazy, results in input order.</source>
        <translation>m9.l7 imap: лениво, результаты в порядке входа.</translation>
    </message>
    <message>
        <source>m9.l8 imap_unordered: results in completion order.</source>
        <translation>m9.l8 imap_unordered: результаты в порядке завершения.</translation>
    </message>
    <message>
        <source>m9.l9 starmap: f(*args) for every tuple.</source>
        <translation>m9.l9 starmap: f(*args) для каждого кортежа.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Image size %1×%2 px is out of range (16 to %3×%4).</source>
        <translation>Размер изображения %1×%2 пикс. вне допустимых пределов (от 16 до %3×%4).</translation>
    </message>
    <message>
        <source>Not enough memory for a %1×%2 image.</source>
        <translation>Не хватает памяти для изображения %1×%2.</translation>
    </message>
    <message>
        <source>Cannot encode PNG for %1.</source>
        <translation>Не удалось закодировать PNG для %1.</translation>
    </message>
    <message>
        <source>Cannot start the PDF writer for %1.</source>
        <translation>Не удалось начать запись PDF для %1.</translation>
    </message>
    <message>
        <source>Unknown export format &quot;%1&quot;: use .png, .svg or .pdf.</source>
        <translation>Неизвестный формат экспорта «%1»: используйте .png, .svg или .pdf.</translation>
    </message>
    <message>
        <source>main process</source>
        <translation>главный процесс</translation>
    </message>
    <message>
        <source>process %1</source>
        <translation>процесс %1</translation>
    </message>
    <message>
        <source>running</source>
        <translation>выполняется</translation>
    </message>
    <message>
        <source>sleeping</source>
        <translation>спит</translation>
    </message>
    <message>
        <source>waiting for I/O</source>
        <translation>ждёт ввода-вывода</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>простаивает</translation>
    </message>
    <message>
        <source>waiting for the GIL</source>
        <translation>ждёт GIL</translation>
    </message>
    <message>
        <source>waiting: lock</source>
        <translation>ждёт: блокировку</translation>
    </message>
    <message>
        <source>waiting: rlock</source>
        <translation>ждёт: RLock</translation>
    </message>
    <message>
        <source>waiting: condition</source>
        <translation>ждёт: условную переменную</translation>
    </message>
    <message>
        <source>waiting: event</source>
        <translation>ждёт: событие</translation>
    </message>
    <message>
        <source>waiting: semaphore</source>
        <translation>ждёт: семафор</translation>
    </message>
    <message>
        <source>waiting: barrier</source>
        <translation>ждёт: барьер</translation>
    </message>
    <message>
        <source>waiting: queue get</source>
        <translation>ждёт: get из очереди</translation>
    </message>
    <message>
        <source>waiting: queue put</source>
        <translation>ждёт: put в очередь</translation>
    </message>
    <message>
        <source>waiting: future</source>
        <translation>ждёт: future</translation>
    </message>
    <message>
        <source>waiting: join</source>
        <translation>ждёт: join</translation>
    </message>
    <message>
        <source>waiting: result</source>
        <translation>ждёт: результат</translation>
    </message>
    <message>
        <source>waiting (lock, queue, event…)</source>
        <translation>ждёт (блокировку, очередь, событие…)</translation>
    </message>
    <message>
        <source>I/O</source>
        <translation>ввод-вывод</translation>
    </message>
    <message>
        <source>lane %1</source>
        <translation>дорожка %1</translation>
    </message>
    <message>
        <source>no thread waited · 1 acquisition</source>
        <translation>никто не ждал · 1 захват</translation>
    </message>
    <message>
        <source>no thread waited · %L1 acquisitions</source>
        <translation>никто не ждал · захватов: %L1</translation>
    </message>
    <message>
        <source>%1 waited in total · %L2 of %L3 attempts had to wait (%4%)</source>
        <translation>всего ожидания %1 · попыток с ожиданием: %L2 из %L3 (%4%)</translation>
    </message>
    <message>
        <source>longest wait %1</source>
        <translation>самое долгое ожидание %1</translation>
    </message>
    <message>
        <source>capacity %1</source>
        <translation>ёмкость %1</translation>
    </message>
    <message>
        <source>unbounded</source>
        <translation>без ограничения</translation>
    </message>
    <message>
        <source>%1 (%2) · %3 put, %4 got, max %5</source>
        <translation>%1 (%2) · положено %3, взято %4, максимум %5</translation>
    </message>
    <message>
        <source>Lock contention</source>
        <translation>Конкуренция за блокировки</translation>
    </message>
    <message>
        <source>how long threads waited for each lock in this picture</source>
        <translation>сколько потоки ждали каждую блокировку на этом участке</translation>
    </message>
    <message>
        <source>No lock was acquired or waited for in this range.</source>
        <translation>На этом участке ни одну блокировку не захватывали и не ждали.</translation>
    </message>
    <message>
        <source>+%1 more locks with less waiting</source>
        <translation>ещё блокировок с меньшим ожиданием: %1</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>Заполненность очередей</translation>
    </message>
    <message>
        <source>items in each queue over time; dashed: its capacity, where put() blocks</source>
        <translation>элементы в каждой очереди во времени; пунктир — ёмкость, на которой put() блокируется</translation>
    </message>
    <message>
        <source>items</source>
        <translation>элементов</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Статистика</translation>
    </message>
    <message>
        <source>the whole run</source>
        <translation>весь запуск</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>от %1 до %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>holds %1</source>
        <translation>удерживает %1</translation>
    </message>
    <message>
        <source>holds %1 (sampled)</source>
        <translation>удерживает %1 (по выборкам)</translation>
    </message>
    <message>
        <source>thick band: others waited</source>
        <translation>толстая полоса: другие ждали</translation>
    </message>
    <message>
        <source>task</source>
        <translation>задача</translation>
    </message>
    <message>
        <source>event</source>
        <translation>событие</translation>
    </message>
    <message>
        <source>daemon</source>
        <translation>демон</translation>
    </message>
    <message>
        <source>%1 — %2 intervals folded (zoom in for detail)</source>
        <translation>%1 — свёрнуто интервалов: %2 (увеличьте, чтобы рассмотреть)</translation>
    </message>
    <message>
        <source>object: %1%2</source>
        <translation>объект: %1%2</translation>
    </message>
    <message>
        <source>joining: %1</source>
        <translation>ждёт завершения: %1</translation>
    </message>
    <message>
        <source>ended by: %1</source>
        <translation>чем закончилось: %1</translation>
    </message>
    <message>
        <source>duration: %1  (%2 → %3)</source>
        <translation>длительность: %1  (%2 → %3)</translation>
    </message>
    <message>
        <source>holding: %1</source>
        <translation>удерживает: %1</translation>
    </message>
    <message>
        <source>task #%1</source>
        <translation>задача №%1</translation>
    </message>
    <message>
        <source>%1 holds %2</source>
        <translation>%1 удерживает %2</translation>
    </message>
    <message>
        <source>held for %1  (%2 → %3)</source>
        <translation>удерживалась %1  (%2 → %3)</translation>
    </message>
    <message>
        <source>still held</source>
        <translation>ещё удерживается</translation>
    </message>
    <message>
        <source>released by %1</source>
        <translation>освободил %1</translation>
    </message>
    <message>
        <source>waiting meanwhile: %1</source>
        <translation>тем временем ждали: %1</translation>
    </message>
    <message>
        <source>%1 holds folded (zoom in for detail)</source>
        <translation>свёрнуто удержаний: %1 (увеличьте, чтобы рассмотреть)</translation>
    </message>
    <message>
        <source>task #%1 on %2</source>
        <translation>задача №%1 на %2</translation>
    </message>
    <message>
        <source>future: %1</source>
        <translation>объект future: %1</translation>
    </message>
    <message>
        <source>ran for %1  (%2 → %3)</source>
        <translation>выполнялась %1  (%2 → %3)</translation>
    </message>
    <message>
        <source>result</source>
        <translation>результат</translation>
    </message>
    <message>
        <source>exception</source>
        <translation>исключение</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>отменена</translation>
    </message>
    <message>
        <source>%1 tasks folded (zoom in for detail)</source>
        <translation>свёрнуто задач: %1 (увеличьте, чтобы рассмотреть)</translation>
    </message>
    <message>
        <source>object: %1</source>
        <translation>объект: %1</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>в момент %1</translation>
    </message>
    <message>
        <source>%1 events here (zoom in for detail)</source>
        <translation>здесь событий: %1 (увеличьте, чтобы рассмотреть)</translation>
    </message>
    <message>
        <source>released the lock; the waiting thread got it</source>
        <translation>освободил блокировку; её получил ждавший поток</translation>
    </message>
    <message>
        <source>woke the waiting thread (set, notify, release)</source>
        <translation>разбудил ждавший поток (set, notify, release)</translation>
    </message>
    <message>
        <source>an item went through the queue from producer to consumer</source>
        <translation>элемент прошёл через очередь от производителя к потребителю</translation>
    </message>
    <message>
        <source>the future was done; the thread waiting on it went on</source>
        <translation>future завершился; ждавший его поток продолжил работу</translation>
    </message>
    <message>
        <source>from %1 to %2 (latency %3)</source>
        <translation>от %1 до %2 (задержка %3)</translation>
    </message>
    <message>
        <source>time (ms)</source>
        <translation>время (мс)</translation>
    </message>
    <message>
        <source>handoff</source>
        <translation>передача</translation>
    </message>
    <message>
        <source>wake</source>
        <translation>пробуждение</translation>
    </message>
    <message>
        <source>item</source>
        <translation>элемент</translation>
    </message>
    <message>
        <source>done</source>
        <translation>готово</translation>
    </message>
    <message>
        <source>created at %1</source>
        <translation>создан в %1</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Change (B − A)</source>
        <translation>Изменение (B − A)</translation>
    </message>
    <message>
        <source>Slow motion</source>
        <translation>Замедление</translation>
    </message>
    <message>
        <source>%1 speed: times are lesson time</source>
        <translation>скорость %1: времена даны во времени урока</translation>
    </message>
    <message>
        <source>The run was shown %1 times slower than real. Every time given here is lesson time: the real time multiplied by %2, so the figures match the lesson&apos;s parameters.</source>
        <translation>Запуск показан в %1 раза медленнее настоящего. Все времена здесь даны во времени урока: настоящее время, умноженное на %2, поэтому показатели соответствуют параметрам урока.</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Общее время</translation>
    </message>
    <message>
        <source>From the start of the run to its end, as a clock on the wall measures it.</source>
        <translation>От начала запуска до его конца, как их отмеряют настенные часы.</translation>
    </message>
    <message numerus="yes">
        <source>%n core(s)</source>
        <translation>
            <numerusform>%n ядро</numerusform>
            <numerusform>%n ядра</numerusform>
            <numerusform>%n ядер</numerusform>
        </translation>
    </message>
    <message>
        <source>the machine&apos;s cores</source>
        <translation>число ядер машины</translation>
    </message>
    <message>
        <source>CPU time</source>
        <translation>Время ЦП</translation>
    </message>
    <message>
        <source>Time the threads actually computed on a core, added up over all threads, from the operating system&apos;s per-thread CPU clocks. Waiting, sleeping and time the system kept a thread off the core do not count, so it is never more than wall time × %1.</source>
        <translation>Время, которое потоки действительно вычисляли на ядре, сложенное по всем потокам, по часам процессорного времени каждого потока в операционной системе. Ожидание, сон и время, когда система держала поток вне ядра, не считаются, поэтому оно никогда не больше общего времени × %1.</translation>
    </message>
    <message>
        <source>Time running</source>
        <translation>Время в состоянии «выполняется»</translation>
    </message>
    <message>
        <source>This trace has no per-thread CPU clocks: this is the time the threads were in the running state, which also counts time the system kept a thread off the core (with more threads than cores it exceeds the real CPU time).</source>
        <translation>В этой трассе нет часов процессорного времени потоков: это время, которое потоки провели в состоянии «выполняется», и в него входит время, когда система держала поток вне ядра (если потоков больше, чем ядер, оно больше настоящего времени ЦП).</translation>
    </message>
    <message>
        <source>Cores busy on average</source>
        <translation>Занято ядер в среднем</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>CPU time ÷ wall time: how many cores were computing at the same moment, on average. It cannot exceed %1; with the GIL on, threads that compute stay near 1.</source>
        <translation>Время ЦП ÷ общее время: сколько ядер в среднем вычисляли одновременно. Не может быть больше, чем %1; с включённым GIL вычисляющие потоки держатся около 1.</translation>
    </message>
    <message>
        <source>Speed-up over one thread</source>
        <translation>Ускорение относительно одного потока</translation>
    </message>
    <message>
        <source>How many times sooner this run ended than one thread doing the same work piece after piece: (CPU time %1 + sleep and I/O %2) ÷ wall time %3. Waiting (sleep, I/O) overlaps freely across threads; computing gains at most %4.</source>
        <translation>Во сколько раз раньше закончился этот запуск, чем закончил бы один поток, делая ту же работу часть за частью: (время ЦП %1 + сон и ввод-вывод %2) ÷ общее время %3. Ожидание (сон, ввод-вывод) в разных потоках свободно перекрывается; вычисления выигрывают не больше, чем %4.</translation>
    </message>
    <message>
        <source>On a CPU</source>
        <translation>На ЦП</translation>
    </message>
    <message>
        <source>simulated GIL on</source>
        <translation>симуляция GIL включена</translation>
    </message>
    <message>
        <source>simulated GIL off</source>
        <translation>симуляция GIL выключена</translation>
    </message>
    <message>
        <source>slow motion %1</source>
        <translation>замедление %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>из %1</translation>
    </message>
    <message>
        <source>recorded %1</source>
        <translation>записано %1</translation>
    </message>
    <message numerus="yes">
        <source>%n threads</source>
        <comment>a group of alike threads</comment>
        <translation>
            <numerusform>%n поток</numerusform>
            <numerusform>%n потока</numerusform>
            <numerusform>%n потоков</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineRenderer</name>
    <message>
        <source>Result:</source>
        <translation>Итог:</translation>
    </message>
</context>
<context>
    <name>tl::ContentionPanel</name>
    <message>
        <source>No locks in this run.
Lessons with Lock, RLock or Semaphore show here who waited, how long and how often.</source>
        <translation>В этом запуске нет блокировок.
В уроках с Lock, RLock или Semaphore здесь видно, кто ждал, сколько и как часто.</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Блокировка</translation>
    </message>
    <message>
        <source>Acquired</source>
        <translation>Захватов</translation>
    </message>
    <message>
        <source>Contended</source>
        <translation>С ожиданием</translation>
    </message>
    <message>
        <source>total wait (ms)</source>
        <translation>ожидание всего (мс)</translation>
    </message>
    <message>
        <source>longest wait (ms)</source>
        <translation>самое долгое ожидание (мс)</translation>
    </message>
    <message>
        <source>waiting (ms)</source>
        <translation>ожидание (мс)</translation>
    </message>
    <message>
        <source>threads waiting</source>
        <translation>ждущих потоков</translation>
    </message>
    <message>
        <source>Lesson time: the run&apos;s real times × %1 (its slow-motion speed).</source>
        <translation>Время урока: настоящие времена запуска × %1 (его скорость замедления).</translation>
    </message>
    <message>
        <source>waiting (ms of lesson time: slow motion divided out)</source>
        <translation>ожидание (мс времени урока: замедление учтено)</translation>
    </message>
    <message>
        <source>Gave
up</source>
        <translation>Отказались</translation>
    </message>
    <message>
        <source>Wait
total</source>
        <translation>Ожидание
всего</translation>
    </message>
    <message>
        <source>Wait
max</source>
        <translation>Ожидание
макс.</translation>
    </message>
    <message>
        <source>Held
max</source>
        <translation>Удержание
макс.</translation>
    </message>
</context>
<context>
    <name>tl::DiffTree</name>
    <message>
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Change (B − A)</source>
        <translation>Изменение (B − A)</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Общее время</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <source>Acquisitions</source>
        <translation>Захваты</translation>
    </message>
    <message>
        <source>Contended share</source>
        <translation>Доля ожиданий</translation>
    </message>
    <message>
        <source>Wait total</source>
        <translation>Ожидание всего</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Самое долгое ожидание</translation>
    </message>
    <message>
        <source>Peak depth</source>
        <translation>Наибольшая заполненность</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Запуск</translation>
    </message>
    <message>
        <source>better</source>
        <translation>лучше</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>хуже</translation>
    </message>
    <message>
        <source>about the same</source>
        <translation>примерно так же</translation>
    </message>
    <message>
        <source>CPU time</source>
        <translation>Время ЦП</translation>
    </message>
    <message>
        <source>Cores busy</source>
        <translation>Занято ядер</translation>
    </message>
</context>
<context>
    <name>tl::EventModel</name>
    <message>
        <source>acquired</source>
        <translation>захвачена</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>не удалось</translation>
    </message>
    <message>
        <source>item #%1</source>
        <translation>элемент №%1</translation>
    </message>
    <message>
        <source>Time (ms)</source>
        <translation>Время (мс)</translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation>Длительность (мс)</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>Поток</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Подробности</translation>
    </message>
</context>
<context>
    <name>tl::EventTable</name>
    <message>
        <source>Thread:</source>
        <translation>Поток:</translation>
    </message>
    <message>
        <source>Object:</source>
        <translation>Объект:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Вид:</translation>
    </message>
    <message>
        <source>Copy rows as CSV</source>
        <translation>Копировать строки как CSV</translation>
    </message>
    <message>
        <source>all</source>
        <translation>все</translation>
    </message>
</context>
<context>
    <name>tl::ExplanationPane</name>
    <message>
        <source>Python equivalent</source>
        <translation>Эквивалент на Python</translation>
    </message>
    <message>
        <source>&lt;b&gt;No lesson selected&lt;/b&gt;</source>
        <translation>&lt;b&gt;Урок не выбран&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Lesson %1 · &lt;i&gt;%2&lt;/i&gt;</source>
        <translation>Урок %1 · &lt;i&gt;%2&lt;/i&gt;</translation>
    </message>
    <message>
        <source>*No text yet for lesson %1.*

Run it and watch the timeline: each row is a thread, colours show what it is doing.</source>
        <translation>*Для урока %1 пока нет текста.*

Запустите его и смотрите на временную шкалу: каждая строка — поток, цвет показывает, чем он занят.</translation>
    </message>
    <message>
        <source># No Python equivalent yet for lesson %1.</source>
        <translation># Для урока %1 пока нет эквивалента на Python.</translation>
    </message>
    <message>
        <source>Python program for these parameters</source>
        <translation>Программа на Python для этих параметров</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Copy the program to the clipboard: it runs as shown with python3</source>
        <translation>Скопировать программу в буфер обмена: она запускается в python3 в том виде, как показана</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Сохранить как…</translation>
    </message>
    <message>
        <source>Save the program as a .py file</source>
        <translation>Сохранить программу в файл .py</translation>
    </message>
    <message>
        <source>Save the Python program</source>
        <translation>Сохранить программу на Python</translation>
    </message>
    <message>
        <source>Python (*.py)</source>
        <translation>Программы на Python (*.py)</translation>
    </message>
    <message>
        <source>The program was not saved.
%1</source>
        <translation>Программа не сохранена.
%1</translation>
    </message>
</context>
<context>
    <name>tl::ExportDialog</name>
    <message>
        <source>Legend</source>
        <translation>Легенда</translation>
    </message>
    <message>
        <source>Dark palette</source>
        <translation>Тёмная палитра</translation>
    </message>
    <message>
        <source>Include panels (lock contention, queue depth, statistics)</source>
        <translation>Добавить панели (конкуренция за блокировки, заполненность очередей, статистика)</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>Экспорт изображения</translation>
    </message>
    <message>
        <source>Visible range</source>
        <translation>Видимый участок</translation>
    </message>
    <message>
        <source>Whole run</source>
        <translation>Весь запуск</translation>
    </message>
    <message>
        <source> px</source>
        <translation> пикс.</translation>
    </message>
    <message>
        <source>Draws the panels&apos; summaries under the timeline, for the same time range</source>
        <translation>Рисует сводки панелей под временной шкалой, за тот же промежуток времени</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Участок</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Ширина</translation>
    </message>
    <message>
        <source>Scale (PNG)</source>
        <translation>Масштаб (PNG)</translation>
    </message>
</context>
<context>
    <name>tl::Gui</name>
    <message>
        <source>Watch Python concurrency lessons run on real threads.</source>
        <translation>Уроки многопоточности на Python, выполняемые настоящими потоками.</translation>
    </message>
    <message>
        <source>Open this lesson (e.g. m5.l5).</source>
        <translation>Открыть этот урок (например, m5.l5).</translation>
    </message>
    <message>
        <source>Do not start the lesson on launch.</source>
        <translation>Не запускать урок при старте.</translation>
    </message>
    <message>
        <source>Save a picture of the window after the first run and quit.</source>
        <translation>Сохранить снимок окна после первого запуска и выйти.</translation>
    </message>
    <message>
        <source>Language: en or ru (default: the system&apos;s).</source>
        <translation>Язык: en или ru (по умолчанию — язык системы).</translation>
    </message>
    <message>
        <source>A trace file to open, or a Python program to trace.</source>
        <translation>Файл трассы, который нужно открыть, или программа на Python, которую нужно трассировать.</translation>
    </message>
</context>
<context>
    <name>tl::LegendBar</name>
    <message>
        <source>Hidden: click to show it again</source>
        <translation>Скрыто: щёлкните, чтобы показать снова</translation>
    </message>
    <message>
        <source>Click to hide this from the timeline</source>
        <translation>Щёлкните, чтобы скрыть это на временной шкале</translation>
    </message>
</context>
<context>
    <name>tl::LessonBrowser</name>
    <message>
        <source>Search lessons (English or Russian)…</source>
        <translation>Поиск уроков (по-русски или по-английски)…</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Урок</translation>
    </message>
    <message>
        <source>Original title</source>
        <translation>Название в курсе</translation>
    </message>
    <message>
        <source>Module %1</source>
        <translation>Модуль %1</translation>
    </message>
    <message>
        <source>English title</source>
        <translation>По-английски</translation>
    </message>
</context>
<context>
    <name>tl::MainWindow</name>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Запуск</translation>
    </message>
    <message>
        <source>&amp;Abort</source>
        <translation>&amp;Прервать</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>П&amp;ауза</translation>
    </message>
    <message>
        <source>Re-&amp;run</source>
        <translation>Пере&amp;запустить</translation>
    </message>
    <message>
        <source>&amp;Open trace…</source>
        <translation>&amp;Открыть трассу…</translation>
    </message>
    <message>
        <source>Open trace</source>
        <translation>Открыть трассу</translation>
    </message>
    <message>
        <source>Trace files (*.json);;All files (*)</source>
        <translation>Файлы трасс (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>&amp;Save trace…</source>
        <translation>&amp;Сохранить трассу…</translation>
    </message>
    <message>
        <source>Save trace</source>
        <translation>Сохранить трассу</translation>
    </message>
    <message>
        <source>Trace files (*.json)</source>
        <translation>Файлы трасс (*.json)</translation>
    </message>
    <message>
        <source>&amp;Export image…</source>
        <translation>&amp;Экспорт изображения…</translation>
    </message>
    <message>
        <source>&amp;Copy image</source>
        <translation>&amp;Копировать изображение</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Экспорт в &amp;CSV…</translation>
    </message>
    <message>
        <source>Export events as CSV</source>
        <translation>Экспорт событий в CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>Таблица CSV (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Fit whole run</source>
        <translation>&amp;Весь запуск целиком</translation>
    </message>
    <message>
        <source>Find &amp;lesson</source>
        <translation>&amp;Найти урок</translation>
    </message>
    <message>
        <source>&amp;Dark mode</source>
        <translation>&amp;Тёмная тема</translation>
    </message>
    <message>
        <source>Simulated &amp;GIL</source>
        <translation>Имитация &amp;GIL</translation>
    </message>
    <message>
        <source>Step &amp;mode</source>
        <translation>&amp;Пошаговый режим</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>&amp;Шаг</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>П&amp;родолжить</translation>
    </message>
    <message>
        <source>Re&amp;play this interleaving</source>
        <translation>Повторить это &amp;чередование</translation>
    </message>
    <message>
        <source>&amp;Play run</source>
        <translation>&amp;Воспроизвести запуск</translation>
    </message>
    <message>
        <source>Step thread %1</source>
        <translation>Шаг потока %1</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Запуск</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Скорость</translation>
    </message>
    <message>
        <source>Slow motion: 0.05× stretches a 40 ms task to 0.8 s (applies to the next run)</source>
        <translation>Замедление: при 0,05× задача на 40 мс растягивается до 0,8 с (действует со следующего запуска)</translation>
    </message>
    <message>
        <source>Simulate CPython&apos;s global interpreter lock (Ctrl+G): CPU-bound threads take turns</source>
        <translation>Имитировать глобальную блокировку интерпретатора CPython (Ctrl+G): вычисляющие потоки работают по очереди</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Недавние</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Уроки</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Объяснение</translation>
    </message>
    <message>
        <source>Lock contention</source>
        <translation>Конкуренция за блокировки</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>Заполненность очередей</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Статистика</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>События</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Шаги</translation>
    </message>
    <message>
        <source>Ready — press F5 to run</source>
        <translation>Готово — нажмите F5, чтобы запустить</translation>
    </message>
    <message>
        <source>Choose a lesson</source>
        <translation>Выберите урок</translation>
    </message>
    <message>
        <source>Paused — F10 steps, F8 continues</source>
        <translation>Пауза — F10 делает шаг, F8 продолжает</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Выполняется</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Остановка…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Elapsed: %1</source>
        <translation>Прошло: %1</translation>
    </message>
    <message>
        <source>Events: %L1</source>
        <translation>Событий: %L1</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Экспорт в CSV</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>Could not open %1:
%2</source>
        <translation>Не удалось открыть %1:
%2</translation>
    </message>
    <message>
        <source> (%L1 events not understood were skipped)</source>
        <translation> (пропущено непонятных событий: %L1)</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>Экспорт изображения</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation>Изображение PNG (*.png);;Изображение SVG (*.svg);;Документ PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The image is too large to copy</source>
        <translation>Изображение слишком большое для копирования</translation>
    </message>
    <message>
        <source>Timeline image copied to the clipboard</source>
        <translation>Изображение временной шкалы скопировано в буфер обмена</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message numerus="yes">
        <source>Opened &lt;b&gt;%1&lt;/b&gt;: %n thread(s), %L2 events</source>
        <translation>
            <numerusform>Открыт &lt;b&gt;%1&lt;/b&gt;: %n поток, событий: %L2</numerusform>
            <numerusform>Открыт &lt;b&gt;%1&lt;/b&gt;: %n потока, событий: %L2</numerusform>
            <numerusform>Открыт &lt;b&gt;%1&lt;/b&gt;: %n потоков, событий: %L2</numerusform>
        </translation>
    </message>
    <message>
        <source>S&amp;weep…</source>
        <translation>&amp;Перебор параметра…</translation>
    </message>
    <message>
        <source>Co&amp;mpare with…</source>
        <translation>&amp;Сравнить с…</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Сравнить с</translation>
    </message>
    <message>
        <source>Pin as &amp;A</source>
        <translation>Закрепить как &amp;A</translation>
    </message>
    <message>
        <source>Pin this run as A: the next runs are drawn under it and compared (Ctrl+P)</source>
        <translation>Закрепить этот запуск как A: следующие запуски рисуются под ним и сравниваются с ним (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Unpin</source>
        <translation>&amp;Открепить</translation>
    </message>
    <message>
        <source>Only a finished run can be pinned as A</source>
        <translation>Закрепить как A можно только завершённый запуск</translation>
    </message>
    <message>
        <source>Pinned as A: the next run is B, drawn under it</source>
        <translation>Закреплён как A: следующий запуск — B, он рисуется под ним</translation>
    </message>
    <message>
        <source>Run a lesson or open a trace first: it becomes A, the file B.</source>
        <translation>Сначала запустите урок или откройте трассу: она станет A, а файл — B.</translation>
    </message>
    <message>
        <source>%1: choose a .png, .svg or .pdf file</source>
        <translation>%1: выберите файл .png, .svg или .pdf</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Could not save the settings to %1 (a full disk or a read-only folder?): this session&apos;s layout and lesson parameters are lost.</source>
        <translation>Не удалось сохранить настройки в %1 (диск переполнен или папка только для чтения?): расположение окна и параметры уроков этого сеанса потеряны.</translation>
    </message>
    <message>
        <source>The CSV was not saved.
%1</source>
        <translation>CSV не сохранён.
%1</translation>
    </message>
    <message>
        <source>%1 is a trace without any thread events: there is nothing to show.</source>
        <translation>%1 — трасса без единого события потоков: показывать нечего.</translation>
    </message>
    <message>
        <source>The trace was not saved.
%1</source>
        <translation>Трасса не сохранена.
%1</translation>
    </message>
    <message>
        <source>Could not save the settings to %1</source>
        <translation>Не удалось сохранить настройки в %1</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>У&amp;величить</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>У&amp;меньшить</translation>
    </message>
    <message>
        <source>How to read the &amp;timeline</source>
        <translation>Как читать &amp;временную шкалу</translation>
    </message>
    <message>
        <source>&amp;About ThreadLens</source>
        <translation>&amp;О программе ThreadLens</translation>
    </message>
    <message>
        <source>About ThreadLens</source>
        <translation>О программе ThreadLens</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ThreadLens %1&lt;/h3&gt;&lt;p&gt;Watch concurrency happen: the lessons of the course &lt;i&gt;Multithreaded Python&lt;/i&gt; run with real threads and processes, every synchronization step recorded and drawn as it happens; your own Python programs traced in CPython.&lt;/p&gt;&lt;p&gt;Built with Qt %2 (running on Qt %3). MIT licence.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ThreadLens %1&lt;/h3&gt;&lt;p&gt;Многопоточность, которую видно: уроки курса &lt;i&gt;«Многопоточный Python»&lt;/i&gt; выполняются настоящими потоками и процессами, каждый шаг синхронизации записывается и рисуется в тот момент, когда происходит; ваши собственные программы на Python трассируются в CPython.&lt;/p&gt;&lt;p&gt;Собрано с Qt %2 (работает на Qt %3). Лицензия MIT.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>How to read the timeline</source>
        <translation>Как читать временную шкалу</translation>
    </message>
    <message>
        <source>&amp;Normal</source>
        <translation>&amp;Обычный</translation>
    </message>
    <message>
        <source>&amp;Large (125%)</source>
        <translation>&amp;Крупный (125%)</translation>
    </message>
    <message>
        <source>L&amp;arger (150%)</source>
        <translation>&amp;Ещё крупнее (150%)</translation>
    </message>
    <message>
        <source>&amp;Projector (200%)</source>
        <translation>Для &amp;проектора (200%)</translation>
    </message>
    <message>
        <source>&amp;Text size</source>
        <translation>&amp;Размер текста</translation>
    </message>
</context>
<context>
    <name>tl::ParamPanel</name>
    <message>
        <source>This lesson has no parameters.</source>
        <translation>У этого урока нет параметров.</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>от %1 до %2</translation>
    </message>
    <message>
        <source>Run again with these</source>
        <translation>Запустить снова с ними</translation>
    </message>
    <message>
        <source>Runs the lesson with the parameters and the GIL setting this trace recorded</source>
        <translation>Запускает урок с параметрами и настройкой GIL, записанными в этой трассе</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>Вернуть значения по умолчанию</translation>
    </message>
    <message>
        <source>Every parameter back to the lesson&apos;s default, then run again</source>
        <translation>Все параметры — к значениям урока по умолчанию, затем новый запуск</translation>
    </message>
    <message>
        <source>The lesson as recorded in &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Урок в том виде, как он записан в &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>The parameters recorded in &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Параметры, записанные в &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
</context>
<context>
    <name>tl::ParamValues</name>
    <message>
        <source>%1, default %2</source>
        <translation>%1, по умолчанию %2</translation>
    </message>
    <message>
        <source>unknown parameter &apos;%1&apos;; this lesson has none</source>
        <translation>неизвестный параметр «%1»: у этого урока нет параметров</translation>
    </message>
    <message>
        <source>unknown parameter &apos;%1&apos;; valid parameters:%2</source>
        <translation>неизвестный параметр «%1»; допустимые параметры:%2</translation>
    </message>
    <message>
        <source>parameter &apos;%1&apos; takes true or false, not &apos;%2&apos;</source>
        <translation>параметр «%1» принимает true или false, а не «%2»</translation>
    </message>
    <message>
        <source>parameter &apos;%1&apos; takes one of %2, not &apos;%3&apos;</source>
        <translation>параметр «%1» принимает одно из значений %2, а не «%3»</translation>
    </message>
    <message>
        <source>parameter &apos;%1&apos; needs a number in %2, not &apos;%3&apos;</source>
        <translation>параметру «%1» нужно число в пределах %2, а не «%3»</translation>
    </message>
    <message>
        <source>parameter &apos;%1&apos; needs a whole number in %2</source>
        <translation>параметру «%1» нужно целое число в пределах %2</translation>
    </message>
    <message>
        <source>parameter &apos;%1&apos; = %2 is out of range %3</source>
        <translation>параметр «%1» = %2 вне пределов %3</translation>
    </message>
</context>
<context>
    <name>tl::PlaybackBar</name>
    <message>
        <source>Playhead: scrub through the finished run</source>
        <translation>Указатель воспроизведения: прокрутка завершённого запуска</translation>
    </message>
    <message>
        <source>%1 held by %2</source>
        <translation>%1 удерживает %2</translation>
    </message>
    <message>
        <source>%1 depth %2</source>
        <translation>%1: в очереди %2</translation>
    </message>
    <message>
        <source>at %1 ms: %2</source>
        <translation>на %1 мс: %2</translation>
    </message>
    <message>
        <source>nothing held</source>
        <translation>ничего не удерживается</translation>
    </message>
</context>
<context>
    <name>tl::PythonRun</name>
    <message>
        <source>&amp;Trace a Python program…</source>
        <translation>&amp;Трассировать программу на Python…</translation>
    </message>
    <message>
        <source>Run your own Python program in CPython and watch its threads live</source>
        <translation>Запустить свою программу на Python в CPython и смотреть её потоки вживую</translation>
    </message>
    <message>
        <source>Run in real &amp;Python</source>
        <translation>Запустить в настоящем &amp;Python</translation>
    </message>
    <message>
        <source>Run this lesson&apos;s Python equivalent in CPython, traced live</source>
        <translation>Запустить Python-эквивалент этого урока в CPython с трассировкой вживую</translation>
    </message>
    <message>
        <source>Recent &amp;Python programs</source>
        <translation>Недавние программы на &amp;Python</translation>
    </message>
    <message>
        <source>%1 (Python) — ThreadLens</source>
        <translation>%1 (программа на Python) — ThreadLens</translation>
    </message>
    <message>
        <source>This lesson has no Python equivalent</source>
        <translation>У этого урока нет эквивалента на Python</translation>
    </message>
    <message>
        <source>Cannot make a temporary directory for the lesson&apos;s program</source>
        <translation>Не удалось создать временный каталог для программы урока</translation>
    </message>
    <message>
        <source>Cannot write the lesson&apos;s program: %1</source>
        <translation>Не удалось записать программу урока: %1</translation>
    </message>
    <message>
        <source>%1 in CPython — ThreadLens</source>
        <translation>%1 в CPython — ThreadLens</translation>
    </message>
    <message>
        <source>Trace a Python program</source>
        <translation>Трассировать программу на Python</translation>
    </message>
    <message>
        <source>Python programs (*.py);;All files (*)</source>
        <translation>Программы на Python (*.py);;Все файлы (*)</translation>
    </message>
</context>
<context>
    <name>tl::QueuePanel</name>
    <message>
        <source>No queues in this run.
Lessons with queue.Queue show here how full each queue was over time.</source>
        <translation>В этом запуске нет очередей.
В уроках с queue.Queue здесь видно, насколько была заполнена каждая очередь.</translation>
    </message>
    <message>
        <source>items in queue</source>
        <translation>элементов в очереди</translation>
    </message>
    <message>
        <source>%1 capacity (%2)</source>
        <translation>%1: ёмкость (%2)</translation>
    </message>
    <message>
        <source>%1 (puts %2, gets %3)</source>
        <translation>%1 (put: %2, get: %3)</translation>
    </message>
</context>
<context>
    <name>tl::StatsPanel</name>
    <message>
        <source>Attempts to take the lock that had to wait, whether the wait then got the lock or gave up; the share is of all attempts (acquisitions + gave up). A wait still in progress is not counted yet.</source>
        <translation>Попытки взять блокировку, которым пришлось ждать, — получили ли они её потом или отказались; доля считается от всех попыток (захваты + отказы). Ожидание, которое ещё идёт, пока не учитывается.</translation>
    </message>
    <message>
        <source>Waits that ended without the lock: timed out, or cut by a deadlock or an abort.</source>
        <translation>Ожидания, закончившиеся без блокировки: по тайм-ауту или прерванные взаимной блокировкой либо остановкой.</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Запуск</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Потоков</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Событий</translation>
    </message>
    <message>
        <source>on</source>
        <translation>вкл.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>выкл.</translation>
    </message>
    <message>
        <source>%1 “%2”</source>
        <translation>%1 «%2»</translation>
    </message>
    <message>
        <source>Acquisitions</source>
        <translation>Захватов</translation>
    </message>
    <message>
        <source>Contended (had to wait)</source>
        <translation>С ожиданием (пришлось ждать)</translation>
    </message>
    <message>
        <source>%1 of %2 attempts (%3)</source>
        <translation>попыток: %1 из %2 (%3)</translation>
    </message>
    <message>
        <source>Gave up waiting</source>
        <translation>Отказались ждать</translation>
    </message>
    <message>
        <source>Hand-offs</source>
        <translation>Передачи</translation>
    </message>
    <message>
        <source>Wait: total / mean / p95 / max</source>
        <translation>Ожидание: всего / среднее / p95 / макс.</translation>
    </message>
    <message>
        <source>Held: total / longest</source>
        <translation>Удержание: всего / самое долгое</translation>
    </message>
    <message>
        <source>queue “%1”</source>
        <translation>очередь «%1»</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Ёмкость</translation>
    </message>
    <message>
        <source>unbounded</source>
        <translation>без ограничения</translation>
    </message>
    <message>
        <source>Puts / gets</source>
        <translation>put / get</translation>
    </message>
    <message>
        <source>Max depth</source>
        <translation>Наибольшая заполненность</translation>
    </message>
    <message>
        <source>Time full / empty</source>
        <translation>Время полной / пустой</translation>
    </message>
    <message>
        <source>pool “%1”</source>
        <translation>пул «%1»</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Задач</translation>
    </message>
    <message>
        <source>Queue wait (submit → start): total / max</source>
        <translation>Ожидание в очереди (submit → начало): всего / макс.</translation>
    </message>
    <message>
        <source>Busy: %1</source>
        <translation>Занят: %1</translation>
    </message>
    <message>
        <source>Threads: CPU time (share of the thread&apos;s life)</source>
        <translation>Потоки: время ЦП (доля жизни потока)</translation>
    </message>
    <message>
        <source>Threads: time running (share of the thread&apos;s life)</source>
        <translation>Потоки: время в состоянии «выполняется» (доля жизни потока)</translation>
    </message>
    <message>
        <source>Time this thread computed on a core, from its own CPU clock, and that time as a share of the thread&apos;s life from start to end.</source>
        <translation>Время, которое этот поток вычислял на ядре, по его собственным часам процессорного времени, и это время как доля жизни потока от начала до конца.</translation>
    </message>
    <message>
        <source>Time this thread was in the running state (this trace has no CPU clocks), and that time as a share of its life.</source>
        <translation>Время, которое этот поток провёл в состоянии «выполняется» (в этой трассе нет часов процессорного времени), и это время как доля его жизни.</translation>
    </message>
    <message>
        <source>What this run came to, read from its trace the way the lesson&apos;s check reads it.</source>
        <translation>К чему пришёл этот запуск: прочитано из его трассы так же, как это делает проверка урока.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Result:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Итог:&lt;/b&gt; %1</translation>
    </message>
</context>
<context>
    <name>tl::StepMode</name>
    <message>
        <source>acquire %1</source>
        <translation>захватить %1</translation>
    </message>
    <message>
        <source>release %1</source>
        <translation>освободить %1</translation>
    </message>
    <message>
        <source>set %1</source>
        <translation>установить %1</translation>
    </message>
    <message>
        <source>clear %1</source>
        <translation>сбросить %1</translation>
    </message>
    <message>
        <source>notify(%1) %2</source>
        <translation>разбудить %1 у %2 (notify)</translation>
    </message>
    <message>
        <source>notify_all %1</source>
        <translation>разбудить всех у %1 (notify_all)</translation>
    </message>
    <message>
        <source>put into %1</source>
        <translation>положить в %1</translation>
    </message>
    <message>
        <source>get from %1</source>
        <translation>взять из %1</translation>
    </message>
    <message>
        <source>task_done %1</source>
        <translation>отметить задачу в %1 (task_done)</translation>
    </message>
    <message>
        <source>join a thread</source>
        <translation>дождаться потока (join)</translation>
    </message>
    <message>
        <source>join %1</source>
        <translation>дождаться %1 (join)</translation>
    </message>
    <message>
        <source>wait on barrier %1</source>
        <translation>ждать у барьера %1</translation>
    </message>
    <message>
        <source>abort barrier %1</source>
        <translation>сломать барьер %1 (abort)</translation>
    </message>
    <message>
        <source>submit to %1</source>
        <translation>отправить в %1 (submit)</translation>
    </message>
    <message>
        <source>cancel %1</source>
        <translation>отменить %1</translation>
    </message>
    <message>
        <source>wait for %1</source>
        <translation>ждать %1</translation>
    </message>
    <message>
        <source>read %1</source>
        <translation>прочитать %1</translation>
    </message>
    <message>
        <source>write %1 to %2</source>
        <translation>записать %1 в %2</translation>
    </message>
    <message>
        <source>sleep</source>
        <translation>спать</translation>
    </message>
    <message>
        <source>wait for I/O</source>
        <translation>ждать ввода-вывода</translation>
    </message>
    <message>
        <source>wait on %1</source>
        <translation>ждать на %1</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>завершён</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>запускается</translation>
    </message>
    <message>
        <source>running to its next step</source>
        <translation>выполняется до следующего шага</translation>
    </message>
    <message>
        <source>sleeping (time.sleep)</source>
        <translation>спит (time.sleep)</translation>
    </message>
    <message>
        <source>waiting for I/O</source>
        <translation>ждёт ввода-вывода</translation>
    </message>
    <message>
        <source>idle, waiting for a task</source>
        <translation>простаивает, ждёт задачу</translation>
    </message>
    <message>
        <source>waiting for the GIL</source>
        <translation>ждёт GIL</translation>
    </message>
    <message>
        <source>blocked by another thread</source>
        <translation>заблокирован другим потоком</translation>
    </message>
    <message>
        <source>blocked: waiting for %1</source>
        <translation>заблокирован: ждёт %1</translation>
    </message>
    <message>
        <source>thread %1</source>
        <translation>поток %1</translation>
    </message>
</context>
<context>
    <name>tl::StepPanel</name>
    <message>
        <source>Step mode is off. Turn it on (Run ▸ Step mode) to choose the interleaving yourself.</source>
        <translation>Пошаговый режим выключен. Включите его (Запуск ▸ Пошаговый режим), чтобы самому выбирать чередование потоков.</translation>
    </message>
    <message>
        <source>Step this</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <source>The run has ended, and step mode with it. Turn it on again (Run ▸ Step mode, Ctrl+T) to step the next run.</source>
        <translation>Запуск закончился, а с ним и пошаговый режим. Включите его снова (Запуск ▸ Пошаговый режим, Ctrl+T), чтобы пройти по шагам следующий запуск.</translation>
    </message>
    <message>
        <source>No thread is waiting for your step: each is running, blocked by another thread, or finished.</source>
        <translation>Ни один поток не ждёт вашего шага: каждый либо выполняется, либо заблокирован другим потоком, либо завершён.</translation>
    </message>
    <message>
        <source>You choose which thread moves next: F10 moves the one marked ▶, the key of a thread&apos;s number or its button moves that thread, or click its lane.</source>
        <translation>Вы выбираете, какой поток сделает следующий шаг: F10 — тот, что отмечен ▶; клавиша с номером потока или его кнопка — этот поток; можно и щёлкнуть по его дорожке.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Shared variables:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Общие переменные:&lt;/b&gt; %1</translation>
    </message>
</context>
<context>
    <name>tl::SweepChartView</name>
    <message>
        <source>The chart fills in as the runs finish.</source>
        <translation>График заполняется по мере завершения запусков.</translation>
    </message>
</context>
<context>
    <name>tl::SweepDialog</name>
    <message>
        <source>Sweep — %1 %2</source>
        <translation>Перебор параметра — %1 %2</translation>
    </message>
    <message>
        <source>(the GIL only)</source>
        <translation>(только GIL)</translation>
    </message>
    <message>
        <source>FROM..TO for a number, or values separated by commas</source>
        <translation>ОТ..ДО для числа или значения через запятую</translation>
    </message>
    <message>
        <source>Double each time (1, 2, 4, 8…)</source>
        <translation>Удваивать каждый раз (1, 2, 4, 8…)</translation>
    </message>
    <message>
        <source>As set (%1)</source>
        <translation>Как задано (%1)</translation>
    </message>
    <message>
        <source>on</source>
        <translation>вкл.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>выкл.</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Включён</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Выключен</translation>
    </message>
    <message>
        <source>Both: a second series</source>
        <translation>Оба: вторая серия</translation>
    </message>
    <message>
        <source>Every duration of the lesson × this: shorter runs, the same shape</source>
        <translation>Все длительности урока умножаются на это число: запуски короче, картина та же</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>Параметр</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Значения</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <source>Repetitions</source>
        <translation>Повторы</translation>
    </message>
    <message>
        <source>Time scale</source>
        <translation>Масштаб времени</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Начать</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Отмена</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s): each value × GIL mode × repetition.</source>
        <translation>
            <numerusform>%n запуск: каждое значение × режим GIL × повтор.</numerusform>
            <numerusform>%n запуска: каждое значение × режим GIL × повтор.</numerusform>
            <numerusform>%n запусков: каждое значение × режим GIL × повтор.</numerusform>
        </translation>
    </message>
    <message>
        <source>done in %1 s</source>
        <translation>готово за %1 с</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>запуск…</translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation>осталось около %1 с</translation>
    </message>
    <message>
        <source>Click a point to open its run in the window. To compare two points, pin the first (Run ▸ Pin as A) and click the second.</source>
        <translation>Щёлкните по точке, чтобы открыть её запуск в окне. Чтобы сравнить две точки, закрепите первую (Запуск ▸ Закрепить как A) и щёлкните по второй.</translation>
    </message>
</context>
<context>
    <name>tl::Units</name>
    <message>
        <source>ns</source>
        <translation>нс</translation>
    </message>
    <message>
        <source>µs</source>
        <translation>мкс</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>мс</translation>
    </message>
    <message>
        <source>s</source>
        <translation>с</translation>
    </message>
</context>
<context>
    <name>tl::cli</name>
    <message>
        <source>option --%1 needs a value</source>
        <translation>параметру --%1 нужно значение</translation>
    </message>
    <message>
        <source>(see threadlens --help)</source>
        <translation>(см. threadlens --help)</translation>
    </message>
    <message>
        <source>--%1 needs a number, not &apos;%2&apos;</source>
        <translation>--%1 ожидает число, а не «%2»</translation>
    </message>
    <message>
        <source>unknown scenario &apos;%1&apos;</source>
        <translation>неизвестный урок «%1»</translation>
    </message>
    <message>
        <source>unknown scenario &apos;%1&apos;; did you mean %2?</source>
        <translation>неизвестный урок «%1»; может быть, %2?</translation>
    </message>
    <message>
        <source>(threadlens list shows every lesson)</source>
        <translation>(threadlens list покажет все уроки)</translation>
    </message>
    <message>
        <source>Module %1</source>
        <translation>Модуль %1</translation>
    </message>
    <message>
        <source>describe needs one scenario id, e.g. threadlens describe m5.l1</source>
        <translation>describe нужен один идентификатор урока, например threadlens describe m5.l1</translation>
    </message>
    <message>
        <source>Parameters (--set name=value):</source>
        <translation>Параметры (--set имя=значение):</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <source>%1 %2: %3 acquisitions, %4 of %5 attempts contended (%6%, %7 gave up), wait total %8, max %9.</source>
        <translation>%1 %2: захватов %3, попыток с ожиданием %4 из %5 (%6%, отказались: %7), ожидание всего %8, максимум %9.</translation>
    </message>
    <message>
        <source>queue %1: %2 puts, %3 gets, max depth %4.</source>
        <translation>очередь %1: put — %2, get — %3, наибольшая заполненность %4.</translation>
    </message>
    <message>
        <source>pool %1: %2 tasks, max queue wait %3.</source>
        <translation>пул %1: задач %2, наибольшее ожидание в очереди %3.</translation>
    </message>
    <message>
        <source>cannot write CSV: %1</source>
        <translation>не удалось записать CSV: %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>не удалось записать %1: %2</translation>
    </message>
    <message>
        <source>run needs one scenario id, e.g. threadlens run m5.l1 --set threads=4</source>
        <translation>run нужен один идентификатор урока, например threadlens run m5.l1 --set threads=4</translation>
    </message>
    <message>
        <source>--set needs name=value, not &apos;%1&apos;</source>
        <translation>--set ожидает имя=значение, а не «%1»</translation>
    </message>
    <message>
        <source>--speed must be between 0.01 and 1 (1 = real time)</source>
        <translation>--speed должна быть от 0.01 до 1 (1 = реальное время)</translation>
    </message>
    <message>
        <source>--time-scale must be in (0, 10]</source>
        <translation>--time-scale должен лежать в (0, 10]</translation>
    </message>
    <message>
        <source>--gil takes on or off</source>
        <translation>--gil принимает on или off</translation>
    </message>
    <message>
        <source>--timeout must be a positive number of seconds</source>
        <translation>--timeout должен быть положительным числом секунд</translation>
    </message>
    <message>
        <source>the run took longer than --timeout %1 s and was aborted</source>
        <translation>запуск шёл дольше --timeout %1 с и был прерван</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>не удалось открыть %1: %2</translation>
    </message>
    <message>
        <source>render needs one trace file, e.g. threadlens render run.json --png out.png</source>
        <translation>render нужен один файл трассы, например threadlens render run.json --png out.png</translation>
    </message>
    <message>
        <source>render needs --png, --svg or --pdf with an output path</source>
        <translation>render нужен --png, --svg или --pdf с путём к результату</translation>
    </message>
    <message>
        <source>--from must be before --to (milliseconds of the run)</source>
        <translation>--from должен быть меньше --to (миллисекунды запуска)</translation>
    </message>
    <message>
        <source>check needs one trace file</source>
        <translation>check нужен один файл трассы</translation>
    </message>
    <message numerus="yes">
        <source>%n violation(s) in %1</source>
        <translation>
            <numerusform>%n нарушение в %1</numerusform>
            <numerusform>%n нарушения в %1</numerusform>
            <numerusform>%n нарушений в %1</numerusform>
        </translation>
    </message>
    <message>
        <source>OK (%1 threads, %2 events; every invariant holds)</source>
        <translation>OK (потоков: %1, событий: %2; все инварианты выполняются)</translation>
    </message>
    <message>
        <source>--lang takes en or ru, not &apos;%1&apos;</source>
        <translation>--lang принимает en или ru, а не «%1»</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>неизвестная команда «%1»</translation>
    </message>
    <message>
        <source>%1, default %2</source>
        <translation>%1, по умолчанию %2</translation>
    </message>
    <message>
        <source>trace needs a Python program, e.g. threadlens trace bank.py --trace out.json (options before the program)</source>
        <translation>trace нужна программа на Python, например threadlens trace bank.py --trace out.json (параметры — перед программой)</translation>
    </message>
    <message>
        <source>trace does not take --%1</source>
        <translation>trace не принимает --%1</translation>
    </message>
    <message>
        <source>%1 exited with status %2 (Python %3)</source>
        <translation>%1 завершилась с кодом %2 (Python %3)</translation>
    </message>
    <message>
        <source>the program ran longer than --timeout %1 s and was ended (its whole process tree)</source>
        <translation>программа шла дольше --timeout %1 с и была остановлена (вместе со всеми своими процессами)</translation>
    </message>
    <message>
        <source>--width must be between %1 and %2</source>
        <translation>--width должна быть от %1 до %2</translation>
    </message>
    <message>
        <source>sweep needs one scenario id, e.g. threadlens sweep m2.l9 --param workers=1..8 --csv out.csv</source>
        <translation>sweep нужен один идентификатор урока, например threadlens sweep m2.l9 --param workers=1..8 --csv out.csv</translation>
    </message>
    <message>
        <source>--step must be above 0</source>
        <translation>--step должен быть больше 0</translation>
    </message>
    <message>
        <source>--repeat takes a whole number of runs per value</source>
        <translation>--repeat принимает целое число запусков на значение</translation>
    </message>
    <message>
        <source>--height must be between %1 and %2</source>
        <translation>--height должна быть от %1 до %2</translation>
    </message>
    <message>
        <source>, wall %1, work %2</source>
        <translation>, общее время %1, работа %2</translation>
    </message>
    <message>
        <source>wall %1 ms (%2–%3), speed-up %4x</source>
        <translation>общее время %L1 мс (%L2–%L3), ускорение %L4×</translation>
    </message>
    <message>
        <source>no finished run</source>
        <translation>ни одного завершённого запуска</translation>
    </message>
    <message>
        <source>%1 runs in %2 s; the runs themselves %3 s, sweep overhead %4%</source>
        <translation>запусков: %1 за %L2 с; сами запуски %L3 с, накладные расходы перебора %L4%</translation>
    </message>
    <message>
        <source>a run took longer than --timeout and was aborted (its row says so)</source>
        <translation>один из запусков шёл дольше --timeout и был прерван (это видно в его строке)</translation>
    </message>
    <message>
        <source>cannot write to standard output</source>
        <translation>не удаётся писать в стандартный вывод</translation>
    </message>
    <message>
        <source>Python equivalent (for these parameters):</source>
        <translation>Эквивалент на Python (для этих параметров):</translation>
    </message>
    <message>
        <source>%1 threads, %2 events.</source>
        <translation>потоков: %1, событий: %2.</translation>
    </message>
    <message>
        <source>ThreadLens — watch concurrency happen.

usage: threadlens                      open the window on the last (or first) lesson
       threadlens &lt;command&gt; [options]  headless: no display needed

commands:
  list [--json]                        every lesson: id, title, module
  describe &lt;id&gt; [--set name=value]...  explanation, parameters with ranges and defaults, the Python program
                                       for these parameters
  run &lt;id&gt; [--set name=value]... [--speed X] [--gil on|off] [--time-scale F] [--timeout S]
           [--trace out.json] [--png out.png] [--svg out.svg] [--pdf out.pdf] [--csv out.csv]
           [--width W] [--height H] [--dark] [--no-legend] [--panels] [--quiet]
                                       run a lesson with real threads, print a summary, write outputs
  sweep &lt;id&gt; --param name=FROM..TO [--step N | --double] [--repeat K] [--set name=value]...
           [--gil on|off|both] [--speed X] [--time-scale F] [--timeout S] [--csv out.csv]
           [--png chart.png] [--svg chart.svg] [--width W] [--height H] [--dark] [--quiet]
                                       run a lesson once per value (and GIL mode) and repetition;
                                       --param name=a,b,c lists values, --param name sweeps every
                                       value of a choice; the CSV has one row per run (the value,
                                       gil, repetition, status, wall_ms, cpu_ms, speedup against the
                                       first value, lock and queue figures); the chart plots wall
                                       time and speed-up against the value (median, min–max band,
                                       the ideal curve). A failed run is a row, not the end.
  trace [--python PATH] [--timeout S] [--trace out.json] [--png|--svg|--pdf out] [--csv out.csv]
           [--width W] [--height H] [--dark] [--no-legend] [--panels] [--quiet] script.py [args...]
                                       run a real Python program under the tracer (python3 from PATH,
                                       stdin empty, its output passed through), same outputs as run
  render &lt;trace.json&gt; --png|--svg|--pdf out [--from MS --to MS] [--width W] [--height H] [--dark]
           [--no-legend] [--panels] [--compare other.json]
                                       an image of a saved run (the picture the window draws);
                                       --panels adds lock contention, queue depth and statistics
                                       under the timeline, for the same time range; --compare draws
                                       both runs on one time axis (A above B, each labelled with
                                       what differs) and their difference table
  check &lt;trace.json&gt;                   validate a trace against the format and its invariants

exit codes: 0 ok, 1 run ended in error/deadlock/abort, 2 bad usage (unknown lesson, parameter or
value), 3 a file could not be read or written, 4 check found violations, 5 --timeout reached.

language: --lang en|ru before or after the command; otherwise the locale (LANG=ru_RU.UTF-8: Russian).
</source>
        <translation>ThreadLens — смотрите, как работает многопоточность.

запуск: threadlens                      открыть окно на последнем (или первом) уроке
        threadlens &lt;команда&gt; [параметры] без окна: дисплей не нужен

команды:
  list [--json]                        все уроки: идентификатор, название, модуль
  describe &lt;id&gt; [--set имя=значение]...  объяснение, параметры с пределами и значениями по умолчанию, программа
                                       на Python для этих параметров
  run &lt;id&gt; [--set имя=значение]... [--speed X] [--gil on|off] [--time-scale F] [--timeout S]
           [--trace out.json] [--png out.png] [--svg out.svg] [--pdf out.pdf] [--csv out.csv]
           [--width W] [--height H] [--dark] [--no-legend] [--panels] [--quiet]
                                       выполнить урок настоящими потоками, вывести сводку, записать файлы
  sweep &lt;id&gt; --param имя=ОТ..ДО [--step N | --double] [--repeat K] [--set имя=значение]...
           [--gil on|off|both] [--speed X] [--time-scale F] [--timeout S] [--csv out.csv]
           [--png chart.png] [--svg chart.svg] [--width W] [--height H] [--dark] [--quiet]
                                       выполнить урок по разу на каждое значение (и режим GIL) и повтор;
                                       --param имя=a,b,c перечисляет значения, --param имя перебирает
                                       все варианты выбора; в CSV по строке на запуск (значение, gil,
                                       повтор, статус, wall_ms, cpu_ms, ускорение относительно первого
                                       значения, показатели блокировок и очередей); график показывает
                                       общее время и ускорение в зависимости от значения (медиана,
                                       полоса от минимума до максимума, идеальная кривая).
                                       Неудачный запуск — это строка, а не конец перебора.
  trace [--python ПУТЬ] [--timeout S] [--trace out.json] [--png|--svg|--pdf out] [--csv out.csv]
           [--width W] [--height H] [--dark] [--no-legend] [--panels] [--quiet] script.py [аргументы...]
                                       выполнить настоящую программу на Python под трассировщиком
                                       (python3 из PATH, пустой stdin, её вывод идёт насквозь),
                                       те же файлы, что у run
  render &lt;trace.json&gt; --png|--svg|--pdf out [--from MS --to MS] [--width W] [--height H] [--dark]
           [--no-legend] [--panels] [--compare other.json]
                                       изображение сохранённого запуска (та же картина, что в окне);
                                       --panels добавляет под временной шкалой конкуренцию за блокировки,
                                       заполненность очередей и статистику за тот же промежуток;
                                       --compare рисует оба запуска на одной оси времени (A над B,
                                       у каждого подписано, чем они различаются) и таблицу различий
  check &lt;trace.json&gt;                   проверить трассу на соответствие формату и его инвариантам

коды выхода: 0 — успех, 1 — запуск закончился ошибкой, взаимной блокировкой или прерыванием,
2 — неверный вызов (неизвестный урок, параметр или значение), 3 — не удалось прочитать или записать
файл, 4 — check нашёл нарушения, 5 — истёк --timeout.

язык: --lang en|ru до или после команды; иначе язык системы (LANG=ru_RU.UTF-8 — русский).
</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Итог: %1</translation>
    </message>
    <message>
        <source>usage: threadlens trace [--python PATH] [--timeout S] [--trace out.json] [--png|--svg|--pdf out]
                        [--csv out.csv] [--width W] [--height H] [--dark] [--no-legend] [--panels]
                        [--quiet] script.py [args...]

Runs a real Python program under the tracer and writes the same outputs as run. The program runs
with python3 from PATH (an activated virtualenv&apos;s included) or --python PATH, its stdin empty, its
output passed through; the options come before the program, its own arguments after it.

exit codes: 0 the program finished, 1 it ended in an error (an exception, a non-zero exit status),
a deadlock or an abort, 2 bad usage, 3 a file could not be read or written, 5 --timeout reached
(the program&apos;s whole process tree was ended); 128+N when threadlens was ended by signal N (130
Ctrl-C, 143 SIGTERM, 129 SIGHUP): the program&apos;s whole process tree is ended first, and the outputs
asked for are still written.
</source>
        <translation>запуск: threadlens trace [--python ПУТЬ] [--timeout С] [--trace out.json] [--png|--svg|--pdf файл]
                         [--csv out.csv] [--width Ш] [--height В] [--dark] [--no-legend] [--panels]
                         [--quiet] script.py [аргументы...]

Запускает настоящую программу на Python под трассировщиком и пишет те же выходные файлы, что и run.
Программу выполняет python3 из PATH (в том числе из активированного virtualenv) или --python ПУТЬ,
её stdin пуст, её вывод передаётся как есть; параметры идут до программы, её собственные
аргументы — после неё.

коды выхода: 0 — программа завершилась, 1 — она закончилась ошибкой (исключение, ненулевой код
выхода), взаимной блокировкой или прерыванием, 2 — неверный вызов, 3 — файл не удалось прочитать
или записать, 5 — истёк --timeout (всё дерево процессов программы завершено); 128+N — threadlens
завершён сигналом N (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP): сначала завершается всё дерево процессов
программы, а запрошенные выходные файлы всё равно записываются.
</translation>
    </message>
</context>
<context>
    <name>tl::engine</name>
    <message>
        <source>timed out</source>
        <translation>истекло время ожидания</translation>
    </message>
    <message>
        <source>timed out after %1 s</source>
        <translation>истекло время ожидания (%1 с)</translation>
    </message>
    <message>
        <source>aborted by the user</source>
        <translation>прерван пользователем</translation>
    </message>
    <message>
        <source>%1 records dropped (the viewer fell behind)</source>
        <translation>потеряно записей: %1 (просмотр не успевал за программой)</translation>
    </message>
    <message>
        <source>the traced program&apos;s record stream is invalid (%1)</source>
        <translation>записи от трассируемой программы повреждены (%1)</translation>
    </message>
    <message>
        <source>the program was killed by signal %1 (%2)</source>
        <translation>программа убита сигналом %1 (%2)</translation>
    </message>
    <message>
        <source>python exited with status %1 before the tracer reported how the program ended</source>
        <translation>python завершился с кодом %1 раньше, чем трассировщик сообщил, чем закончилась программа</translation>
    </message>
    <message>
        <source>%1: exit status %2</source>
        <translation>%1: код завершения %2</translation>
    </message>
    <message>
        <source>no Python program given</source>
        <translation>не указана программа на Python</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1: нет такого файла</translation>
    </message>
    <message>
        <source>%1 is a directory, not a Python program</source>
        <translation>%1 — это каталог, а не программа на Python</translation>
    </message>
    <message>
        <source>%1 cannot be read</source>
        <translation>не удаётся прочитать %1</translation>
    </message>
    <message>
        <source>%1 is not a Python program (it is a binary file)</source>
        <translation>%1 — не программа на Python (это двоичный файл)</translation>
    </message>
    <message>
        <source>no python3 on PATH: install CPython 3.11 or newer (Debian: apt install python3) or pass --python PATH</source>
        <translation>python3 не найден в PATH: установите CPython 3.11 или новее (Debian: apt install python3) или укажите --python ПУТЬ</translation>
    </message>
    <message>
        <source>cannot run %1: no such executable</source>
        <translation>не удаётся запустить %1: нет такой программы</translation>
    </message>
    <message>
        <source>the Python tracer is missing (a pytrace directory with _threadlens.abi3.so and threadlens_agent, next to the threadlens binary or in $THREADLENS_PYTRACE_DIR): rebuild ThreadLens</source>
        <translation>нет трассировщика Python (каталога pytrace с _threadlens.abi3.so и threadlens_agent рядом с программой threadlens или в $THREADLENS_PYTRACE_DIR): пересоберите ThreadLens</translation>
    </message>
    <message>
        <source>%1 did not run (%2)</source>
        <translation>%1 не запустился (%2)</translation>
    </message>
    <message>
        <source>%1 is %2: ThreadLens traces CPython 3.11 or newer; pass --python with one</source>
        <translation>%1 — это %2, а ThreadLens трассирует CPython 3.11 или новее; укажите такой через --python</translation>
    </message>
    <message>
        <source>the tracer does not load in %1 (Python %2): %3; it is built for CPython &gt;= 3.11 (stable ABI) on this machine: rebuild ThreadLens</source>
        <translation>трассировщик не загружается в %1 (Python %2): %3; он собран для CPython &gt;= 3.11 (stable ABI) на этой машине: пересоберите ThreadLens</translation>
    </message>
    <message>
        <source>%1 answered unexpectedly: %2</source>
        <translation>%1 ответил не так, как ожидалось: %2</translation>
    </message>
    <message>
        <source>cannot make a private directory for the run: %1</source>
        <translation>не удаётся создать закрытый каталог для запуска: %1</translation>
    </message>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation>не удаётся открыть сокет %1: %2</translation>
    </message>
    <message>
        <source>cannot make a pipe: %1</source>
        <translation>не удаётся создать канал (pipe): %1</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>не удаётся запустить %1: %2</translation>
    </message>
    <message>
        <source>deadlock: %1</source>
        <translation>взаимная блокировка: %1</translation>
    </message>
    <message>
        <source>%1 waits for %2 held by %3</source>
        <translation>%1 ждёт %2 (держит %3)</translation>
    </message>
    <message>
        <source>%1 joins %2</source>
        <translation>%1 ждёт завершения %2 (join)</translation>
    </message>
    <message>
        <source>No update lost: the counter reached %1</source>
        <translation>Ни одно обновление не потеряно: счётчик дошёл до %1</translation>
    </message>
    <message>
        <source>%1 of %2 increments lost: the counter reached %3</source>
        <translation>Потеряно увеличений: %1 из %2; счётчик дошёл только до %3</translation>
    </message>
    <message>
        <source>Best pool size: %1, %2 ms (best time by pool size, ms: %3); a pool of 200 workers started %4 threads for 4 tasks</source>
        <translation>Лучший размер пула: %1, %2 мс (лучшее время по размерам пула, мс: %3); пул на 200 рабочих потоков запустил %4 потоков для 4 задач</translation>
    </message>
    <message>
        <source>Best pool size: %1, %2 ms (best time by pool size, ms: %3)</source>
        <translation>Лучший размер пула: %1, %2 мс (лучшее время по размерам пула, мс: %3)</translation>
    </message>
    <message>
        <source>Order out of Queue: %1; out of LifoQueue: %2; out of PriorityQueue: %3</source>
        <translation>Порядок выхода из Queue: %1; из LifoQueue: %2; из PriorityQueue: %3</translation>
    </message>
    <message>
        <source>Popped in this order: %1</source>
        <translation>Элементы сняты со стека в таком порядке: %1</translation>
    </message>
    <message>
        <source>Priorities in the order the jobs were taken: %1</source>
        <translation>Приоритеты в том порядке, в каком задания брали из очереди: %1</translation>
    </message>
    <message>
        <source>Stages finished in this order: %1</source>
        <translation>Этапы завершились в таком порядке: %1</translation>
    </message>
    <message>
        <source>log: %1 names, %2 distinct</source>
        <translation>журнал: имён — %1, различных — %2</translation>
    </message>
    <message>
        <source>Every thread read back its own value (%1 reads)</source>
        <translation>Каждый поток прочитал своё собственное значение (чтений: %1)</translation>
    </message>
    <message>
        <source>%1 of %2 reads saw a value another thread wrote</source>
        <translation>Чтений, увидевших значение, записанное другим потоком: %1 из %2</translation>
    </message>
    <message>
        <source>Last bid: %1; the auction closed</source>
        <translation>Последняя ставка: %1; аукцион закрылся</translation>
    </message>
    <message>
        <source>Last bid: %1; the auction was cancelled</source>
        <translation>Последняя ставка: %1; аукцион отменили</translation>
    </message>
    <message>
        <source>Last bid: %1</source>
        <translation>Последняя ставка: %1</translation>
    </message>
    <message>
        <source>Clients served: %1 of %2; gave up waiting: %3</source>
        <translation>Обслужено клиентов: %1 из %2; перестали ждать: %3</translation>
    </message>
    <message>
        <source>Generations passed: %1 of %2; then the barrier broke</source>
        <translation>Пройдено поколений барьера: %1 из %2; затем барьер сломался</translation>
    </message>
    <message>
        <source>Generations passed: %1 of %2</source>
        <translation>Пройдено поколений барьера: %1 из %2</translation>
    </message>
    <message>
        <source>probe: A alive=%1 B alive=%2</source>
        <translation>проверка: A alive=%1, B alive=%2</translation>
    </message>
    <message>
        <source>ThreadLens was ended by %1</source>
        <translation>ThreadLens завершён сигналом %1</translation>
    </message>
    <message>
        <source>Tasks: %1; worker processes that ran them: %2; most tasks in one process: %3; tasks that raised an exception: %4</source>
        <translation>Задач: %1; рабочих процессов, выполнивших их: %2; больше всего задач в одном процессе: %3; задач, завершившихся исключением: %4</translation>
    </message>
    <message>
        <source>Tasks: %1; worker processes that ran them: %2; most tasks in one process: %3</source>
        <translation>Задач: %1; рабочих процессов, выполнивших их: %2; больше всего задач в одном процессе: %3</translation>
    </message>
    <message>
        <source>The program printed: %1</source>
        <translation>Программа вывела: %1</translation>
    </message>
</context>
<context>
    <name>tl::i18n</name>
    <message>
        <source>finished</source>
        <translation>завершён</translation>
    </message>
    <message>
        <source>aborted</source>
        <translation>прерван</translation>
    </message>
    <message>
        <source>deadlock</source>
        <translation>взаимная блокировка</translation>
    </message>
    <message>
        <source>error</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>on</source>
        <translation>вкл.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>выкл.</translation>
    </message>
</context>
<context>
    <name>tl::view::TimelineView</name>
    <message>
        <source>Click to show each of these threads with its name, tasks and holds</source>
        <translation>Щёлкните, чтобы показать каждый из этих потоков с его именем, задачами и захватами блокировок</translation>
    </message>
    <message>
        <source>Click to fold these threads into thin bars</source>
        <translation>Щёлкните, чтобы свернуть эти потоки в тонкие полосы</translation>
    </message>
</context>
</TS>
