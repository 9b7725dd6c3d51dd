module example.org/shop/server

go 1.27
